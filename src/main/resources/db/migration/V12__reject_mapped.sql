-- A route may map a tool's own shape (a Typeform form_response, a form-encoded webhook) to its contract before the
-- guard. A reject then keeps the bytes as received (payload) and, beside them, the message its guard judged, so a
-- person sees both; null when nothing was mapped.
ALTER TABLE reject ADD COLUMN mapped ${bytes};
