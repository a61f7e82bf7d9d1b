package dev.tollgate.db;

import java.util.List;

/** {@code cluster_nodes}: the nodes' heartbeats, each a JSON document the gateway makes. */
public final class NodeStore {
    public record Beat(String nodeId, long lastSeen, String doc) {}

    private final ConfigStore store;

    public NodeStore(ConfigStore store) {
        this.store = store;
    }

    /** Writes a node's heartbeat, replacing its previous one. */
    public void beat(String nodeId, long at, String doc) {
        store.call(h -> h.inTransaction(tx -> {
            tx.createUpdate("DELETE FROM cluster_nodes WHERE node_id = :id").bind("id", nodeId).execute();
            return tx.createUpdate("INSERT INTO cluster_nodes (node_id, last_seen, doc) VALUES (:id, :at, :doc)")
                    .bind("id", nodeId).bind("at", at).bind("doc", doc).execute();
        }));
    }

    /** The heartbeats written since {@code since} (epoch ms), newest node first. */
    public List<Beat> since(long since) {
        return store.call(h -> h.createQuery("SELECT node_id, last_seen, doc FROM cluster_nodes WHERE last_seen >= :since"
                        + " ORDER BY last_seen DESC, node_id")
                .bind("since", since)
                .map((rs, ctx) -> new Beat(rs.getString(1), rs.getLong(2), rs.getString(3))).list());
    }

    /** Removes the heartbeats older than {@code before}; a node that left is forgotten. */
    public int prune(long before) {
        return store.call(h -> h.createUpdate("DELETE FROM cluster_nodes WHERE last_seen < :before").bind("before", before).execute());
    }

    /** Removes a node's heartbeat (it stops). */
    public void leave(String nodeId) {
        store.call(h -> h.createUpdate("DELETE FROM cluster_nodes WHERE node_id = :id").bind("id", nodeId).execute());
    }
}
