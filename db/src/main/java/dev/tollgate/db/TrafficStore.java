package dev.tollgate.db;

import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The per-minute and per-hour sums of proxied requests ({@code traffic_minutes},
 * {@code traffic_hours}). The gateway writes its node's rows; the Admin API sums every node's.
 * The histogram column is opaque here: the gateway encodes and merges it.
 */
public final class TrafficStore {
    /** The node's total row, requests no route matched, and the routes beyond the busiest. */
    public static final String TOTAL = "*";
    public static final String UNMATCHED = "-";
    public static final String OTHER_ROUTES = "+";

    /** A slot's time resolution: its table and the length of one slot in milliseconds. */
    public enum Resolution {
        MINUTE("traffic_minutes", "at_minute", 60_000L),
        HOUR("traffic_hours", "at_hour", 3_600_000L);

        final String table;
        final String column;
        public final long millis;

        Resolution(String table, String column, long millis) {
            this.table = table;
            this.column = column;
            this.millis = millis;
        }
    }

    /** One row: a slot (epoch minutes or hours) of one route (or {@link #TOTAL}) on one node. */
    public record Row(String routeId, long slot, long requests, long clientErrors, long serverErrors,
                      double latencyMsSum, String histogram) {}

    private final ConfigStore store;

    public TrafficStore(ConfigStore store) {
        this.store = store;
    }

    /** Writes a node's rows of one slot, replacing what it wrote for that slot before. */
    public void replace(Resolution r, String node, long slot, List<Row> rows) {
        store.call(h -> h.inTransaction(tx -> {
            tx.createUpdate("DELETE FROM " + r.table + " WHERE node_id = :node AND " + r.column + " = :slot")
                    .bind("node", node).bind("slot", slot).execute();
            PreparedBatch batch = tx.prepareBatch("INSERT INTO " + r.table + " (node_id, " + r.column
                    + ", route_id, requests, client_errors, server_errors, latency_ms_sum, histogram)"
                    + " VALUES (:node, :slot, :route, :requests, :client, :server, :latency, :histogram)");
            for (Row row : rows) {
                batch.bind("node", node).bind("slot", slot).bind("route", row.routeId()).bind("requests", row.requests())
                        .bind("client", row.clientErrors()).bind("server", row.serverErrors())
                        .bind("latency", row.latencyMsSum()).bind("histogram", row.histogram()).add();
            }
            if (!rows.isEmpty()) {
                batch.execute();
            }
            return null;
        }));
    }

    /** A node's rows of one slot, as it wrote them (to go on from them after a restart). */
    public List<Row> load(Resolution r, String node, long slot) {
        return store.call(h -> h.createQuery("SELECT route_id, " + r.column + " AS slot, requests, client_errors, server_errors,"
                        + " latency_ms_sum, histogram FROM " + r.table + " WHERE node_id = :node AND " + r.column + " = :slot")
                .bind("node", node).bind("slot", slot)
                .map((rs, ctx) -> new Row(rs.getString("route_id"), rs.getLong("slot"), rs.getLong("requests"),
                        rs.getLong("client_errors"), rs.getLong("server_errors"), rs.getDouble("latency_ms_sum"),
                        rs.getString("histogram")))
                .list());
    }

    /** Every node's total rows in [from, to) slots, summed per slot; histograms listed per node row. */
    public List<Row> totals(Resolution r, long from, long to) {
        return store.call(h -> h.createQuery("SELECT route_id, " + r.column + " AS slot, requests, client_errors, server_errors,"
                        + " latency_ms_sum, histogram FROM " + r.table + " WHERE route_id = :total AND "
                        + r.column + " >= :from AND " + r.column + " < :to ORDER BY " + r.column)
                .bind("total", TOTAL).bind("from", from).bind("to", to)
                .map((rs, ctx) -> new Row(rs.getString("route_id"), rs.getLong("slot"), rs.getLong("requests"),
                        rs.getLong("client_errors"), rs.getLong("server_errors"), rs.getDouble("latency_ms_sum"),
                        rs.getString("histogram")))
                .list());
    }

    /** The busiest routes in [from, to) slots over every node: route id to {requests, server errors}. */
    public List<Row> topRoutes(Resolution r, long from, long to, int limit) {
        return store.call(h -> h.createQuery("SELECT route_id, SUM(requests) AS requests, SUM(client_errors) AS client_errors,"
                        + " SUM(server_errors) AS server_errors, SUM(latency_ms_sum) AS latency_ms_sum FROM " + r.table
                        + " WHERE route_id <> :total AND " + r.column + " >= :from AND " + r.column + " < :to"
                        + " GROUP BY route_id ORDER BY requests DESC, route_id LIMIT " + limit)
                .bind("total", TOTAL).bind("from", from).bind("to", to)
                .map((rs, ctx) -> new Row(rs.getString("route_id"), 0, rs.getLong("requests"), rs.getLong("client_errors"),
                        rs.getLong("server_errors"), rs.getDouble("latency_ms_sum"), null))
                .list());
    }

    /** Deletes rows older than the given slots; returns how many went. */
    public Map<Resolution, Integer> prune(long minutesBefore, long hoursBefore) {
        return store.call(h -> Map.of(
                Resolution.MINUTE, h.createUpdate("DELETE FROM traffic_minutes WHERE at_minute < :m").bind("m", minutesBefore).execute(),
                Resolution.HOUR, h.createUpdate("DELETE FROM traffic_hours WHERE at_hour < :h").bind("h", hoursBefore).execute()));
    }
}
