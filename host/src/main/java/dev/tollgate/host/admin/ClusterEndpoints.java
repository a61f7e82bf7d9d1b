package dev.tollgate.host.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.db.ConfigStore;
import dev.tollgate.db.EntityJson;
import dev.tollgate.db.NodeStore;
import io.helidon.webserver.http.HttpRules;

/**
 * The cluster: every node writes a heartbeat (its {@code /status}, its address, its Redis
 * servers' reachability) every few seconds; {@code GET /cluster} lists the nodes seen in the last
 * day, whether each is up (a heartbeat in the last {@value #UP_SECONDS} s) and whether it
 * serves the configuration version the store holds now.
 */
public final class ClusterEndpoints {
    private static final System.Logger LOG = System.getLogger(ClusterEndpoints.class.getName());
    static final int UP_SECONDS = 15;
    private static final long FORGET_MILLIS = 86_400_000L;

    private final NodeStore nodes;
    private final ConfigStore store;
    private final StatusEndpoints status;
    private final Supplier<Map<String, Boolean>> redis;
    private final Clock clock;
    private boolean failing;

    public ClusterEndpoints(NodeStore nodes, ConfigStore store, StatusEndpoints status, Supplier<Map<String, Boolean>> redis, Clock clock) {
        this.nodes = nodes;
        this.store = store;
        this.status = status;
        this.redis = redis;
        this.clock = clock;
    }

    /** Writes this node's heartbeat (and forgets nodes gone for a day); a failure is logged once per outage. */
    public void heartbeat() {
        ObjectNode doc = status.status();
        ObjectNode node = status.node();
        doc.put("hostname", node.get("hostname").asText());
        ObjectNode listen = doc.putObject("listen");
        for (String k : new String[] {"proxy_listen", "proxy_listen_ssl", "admin_listen"}) {
            if (node.get("configuration").has(k)) {
                listen.set(k, node.get("configuration").get(k));
            }
        }
        ObjectNode r = doc.putObject("redis");
        redis.get().forEach(r::put);
        try {
            long now = clock.millis();
            nodes.beat(doc.get("node_id").asText(), now, EntityJson.mapper().writeValueAsString(doc));
            nodes.prune(now - FORGET_MILLIS);
            if (failing) {
                LOG.log(Level.INFO, "cluster heartbeat written again");
                failing = false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.log(Level.WARNING, "cluster heartbeat not written (the cluster page will show this node as unreachable): "
                        + e.getMessage());
                failing = true;
            }
        }
    }

    /** This node leaves the cluster page (a graceful stop). */
    public void leave(String nodeId) {
        try {
            nodes.leave(nodeId);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "heartbeat not removed: " + e.getMessage());
        }
    }

    void register(HttpRules r) {
        r.get("/cluster", (req, res) -> AdminRoutes.send(res, 200, StoreErrors.translate(this::cluster)));
        r.any("/cluster", AdminRoutes::methodNotAllowed);
    }

    private ObjectNode cluster() {
        long now = clock.millis();
        long version = store.version();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("configuration_version", version);
        out.put("this_node", status.status().get("node_id").asText());
        ArrayNode list = out.putArray("nodes");
        for (NodeStore.Beat b : nodes.since(now - FORGET_MILLIS)) {
            ObjectNode n;
            try {
                n = (ObjectNode) EntityJson.mapper().readTree(b.doc());
            } catch (IOException | ClassCastException e) {
                continue; // a heartbeat this version cannot read
            }
            boolean up = now - b.lastSeen() <= UP_SECONDS * 1000L;
            n.put("last_seen", Instant.ofEpochMilli(b.lastSeen()).toString());
            n.put("state", up ? "up" : "unreachable");
            long served = n.path("configuration").path("version").asLong(-1);
            n.put("in_sync", up && served == version && n.path("configuration").path("in_sync").asBoolean(false));
            list.add(n);
        }
        return out;
    }
}
