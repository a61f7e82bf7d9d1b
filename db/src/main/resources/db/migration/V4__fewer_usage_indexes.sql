-- usage_records is written on every AI request and read by an operator now and then: each
-- index is one more B-tree updated per row. With the seven of V3, inserting usage records was a
-- quarter of the gateway's CPU on the benchmark suite's AI chain (docs/benchmarks.md). Kept:
-- the time index (lists, pages, time ranges, and every filter within a time range) and the
-- consumer index (spend per application, the question asked most). Filters on the consumer's
-- name, model, provider, route or service now read the time range they ask about.
DROP INDEX usage_records_consumer_name;
DROP INDEX usage_records_model;
DROP INDEX usage_records_provider;
DROP INDEX usage_records_route;
DROP INDEX usage_records_service;
