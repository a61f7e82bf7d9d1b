-- The W3C trace id of the request a usage record is of, to find its trace (issue 13).
ALTER TABLE usage_records ADD COLUMN trace_id VARCHAR(32);
