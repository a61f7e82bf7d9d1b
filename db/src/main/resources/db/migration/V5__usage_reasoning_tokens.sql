-- The part of completion_tokens a reasoning model spent thinking, priced apart when a model
-- price sets reasoning_output_cost (issue 13).
ALTER TABLE usage_records ADD COLUMN reasoning_tokens BIGINT NOT NULL DEFAULT 0;
