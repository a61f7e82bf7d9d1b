-- Usage summed per UTC day and per model, provider, consumer and route (dimension '' is the
-- day's total), so that the admin UI's 30-day views read a few thousand rows instead of every
-- record. A cache of usage_records, which stay the truth: a day is summed the first time it is
-- asked for once it is over (usage_day_done says which days are), and a record written later
-- for a day already summed (a replayed spill file) deletes that day's sums in its own
-- transaction, so the next read sums it again.
CREATE TABLE usage_day_sums (
  at_day       BIGINT NOT NULL,
  dimension    VARCHAR(16) NOT NULL,
  group_key    VARCHAR(256),
  any_name     VARCHAR(256),
  requests     BIGINT NOT NULL,
  s_prompt     BIGINT NOT NULL,
  s_completion BIGINT NOT NULL,
  s_total      BIGINT NOT NULL,
  s_cached     BIGINT NOT NULL,
  s_reasoning  BIGINT NOT NULL,
  s_cost       DOUBLE PRECISION,
  min_currency VARCHAR(8),
  max_currency VARCHAR(8),
  unpriced     BIGINT NOT NULL
);
CREATE INDEX usage_day_sums_day ON usage_day_sums (dimension, at_day);

CREATE TABLE usage_day_done (
  at_day     BIGINT PRIMARY KEY,
  ready      BOOLEAN NOT NULL,
  claimed_at BIGINT NOT NULL
);
