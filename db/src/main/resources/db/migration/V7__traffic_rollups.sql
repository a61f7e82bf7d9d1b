-- Every node's proxied requests, summed per minute and per hour, for the admin UI's Overview:
-- requests, 4xx and 5xx answers, latency (a sum, and an HdrHistogram in the gateway's own
-- encoding, merged when read), per route. route_id is a route's id, or '*' for the node's
-- total, '-' for requests no route matched, '+' for the routes beyond the busiest 200 of that
-- minute or hour. Each node writes only its own rows; minutes are kept 48 hours, hours 400 days.
CREATE TABLE traffic_minutes (
  node_id        VARCHAR(64) NOT NULL,
  at_minute      BIGINT NOT NULL,
  route_id       VARCHAR(36) NOT NULL,
  requests       BIGINT NOT NULL,
  client_errors  BIGINT NOT NULL,
  server_errors  BIGINT NOT NULL,
  latency_ms_sum DOUBLE PRECISION NOT NULL,
  histogram      VARCHAR(65536),
  PRIMARY KEY (node_id, at_minute, route_id)
);
CREATE INDEX traffic_minutes_at ON traffic_minutes (at_minute, route_id);

CREATE TABLE traffic_hours (
  node_id        VARCHAR(64) NOT NULL,
  at_hour        BIGINT NOT NULL,
  route_id       VARCHAR(36) NOT NULL,
  requests       BIGINT NOT NULL,
  client_errors  BIGINT NOT NULL,
  server_errors  BIGINT NOT NULL,
  latency_ms_sum DOUBLE PRECISION NOT NULL,
  histogram      VARCHAR(65536),
  PRIMARY KEY (node_id, at_hour, route_id)
);
CREATE INDEX traffic_hours_at ON traffic_hours (at_hour, route_id);
