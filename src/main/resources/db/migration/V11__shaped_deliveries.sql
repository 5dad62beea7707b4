-- A route may shape the accepted message into the tool's own request between its guard and its accept. The outbox
-- then sends the shaped payload and keeps the message as accepted beside it (null when they are the same), so a
-- delivery reject shows the message a person knows and its replay is shaped again by the route.
ALTER TABLE outbox ADD COLUMN message ${bytes};

-- How an http target is called, when not a plain POST: "method=PUT", "remember=/id&update=PATCH" (see DeliveryOptions).
ALTER TABLE outbox ADD COLUMN options VARCHAR(500);

-- What a tool made for a campaign on an edge (the WordPress page, the Mailchimp campaign), by the id the tool answered;
-- the next message for that campaign updates it instead of making a second one.
CREATE TABLE artifact (
    edge          VARCHAR(200)             NOT NULL,
    campaign      VARCHAR(200)             NOT NULL,
    artifact_id   VARCHAR(500)             NOT NULL,
    delivery_id   VARCHAR(36)              NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (edge, campaign)
);

-- A held message's target is called the same way once approved.
ALTER TABLE held ADD COLUMN target_options VARCHAR(500);
