-- Each node's heartbeat: what GET /status says of it (version, configuration version, in sync,
-- database and Redis reachability, plugin runtimes, ...), written every few seconds, read by
-- GET /cluster. A node that stops writing shows as unreachable; after a day its row goes.
CREATE TABLE cluster_nodes (
  node_id   VARCHAR(64) PRIMARY KEY,
  last_seen BIGINT NOT NULL,
  doc       VARCHAR(65536) NOT NULL
);
