-- Each review trigger's state per edge: firing or not, since when, and what it measured. A trigger alerts when
-- this row goes from not firing to firing (one conditional UPDATE, so one alert per incident across instances)
-- and sends its resolve message on the way back.
CREATE TABLE trigger_state (
    trigger_name  VARCHAR(100)             NOT NULL,
    edge          VARCHAR(200)             NOT NULL,
    firing        BOOLEAN                  NOT NULL,
    since         TIMESTAMP WITH TIME ZONE,
    detail        VARCHAR(1000),
    changed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (trigger_name, edge)
);
