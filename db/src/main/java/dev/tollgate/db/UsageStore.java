package dev.tollgate.db;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * Usage records in {@code usage_records}: written in batches by the gateway's recorder, listed
 * and summed up by the Admin API. Writing usage does not move the configuration version.
 * Rows are keyed by an id the writer makes, so writing the same rows twice stores them once.
 */
public final class UsageStore {
    /** Rows per INSERT batch, and ids per {@code IN (...)} when looking for rows already stored. */
    private static final int CHUNK = 500;

    private enum Type { TEXT, LONG, INT, BOOL, DOUBLE, NULLABLE_DOUBLE, INSTANT }

    /** A column, its type, its width for text, and where its value comes from. */
    private record Column(String name, Type type, int width, Function<Row, Object> value) {
        static Column of(String name, Type type, Function<UsageEntry, Object> value) {
            return new Column(name, type, 0, r -> value.apply(r.entry()));
        }

        static Column text(String name, int width, Function<UsageEntry, String> value) {
            return new Column(name, Type.TEXT, width, r -> value.apply(r.entry()));
        }

        /** The Admin API's name: the column's, except the time. */
        String field() {
            return name.equals("recorded_at") ? "at" : name;
        }
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("id", Type.TEXT, 64, Row::id),
            Column.of("recorded_at", Type.INSTANT, UsageEntry::at),
            Column.text("request_id", 256, UsageEntry::requestId),
            Column.text("consumer_id", 36, UsageEntry::consumerId),
            Column.text("consumer_name", 256, UsageEntry::consumerName),
            Column.text("route_id", 36, UsageEntry::routeId),
            Column.text("service_id", 36, UsageEntry::serviceId),
            Column.text("provider", 64, UsageEntry::provider),
            Column.text("requested_model", 256, UsageEntry::requestedModel),
            Column.text("model", 256, UsageEntry::model),
            Column.text("route_type", 64, UsageEntry::routeType),
            Column.of("prompt_tokens", Type.LONG, UsageEntry::promptTokens),
            Column.of("completion_tokens", Type.LONG, UsageEntry::completionTokens),
            Column.of("total_tokens", Type.LONG, UsageEntry::totalTokens),
            Column.of("cached_prompt_tokens", Type.LONG, UsageEntry::cachedPromptTokens),
            Column.of("reasoning_tokens", Type.LONG, UsageEntry::reasoningTokens),
            Column.of("tokens_counted", Type.BOOL, UsageEntry::tokensCounted),
            Column.of("cost", Type.NULLABLE_DOUBLE, UsageEntry::cost),
            Column.text("currency", 8, UsageEntry::currency),
            Column.of("latency_ms", Type.LONG, UsageEntry::latencyMs),
            Column.of("time_to_first_token_ms", Type.LONG, UsageEntry::timeToFirstTokenMs),
            Column.of("time_per_output_token_ms", Type.DOUBLE, UsageEntry::timePerOutputTokenMs),
            Column.of("status", Type.INT, UsageEntry::status),
            Column.text("cache_status", 16, UsageEntry::cacheStatus),
            Column.text("trace_id", 32, UsageEntry::traceId));

    private static final String NAMES = String.join(", ", COLUMNS.stream().map(Column::name).toList());
    private static final String INSERT = "INSERT INTO usage_records (" + NAMES + ") VALUES ("
            + String.join(", ", COLUMNS.stream().map(c -> ":" + c.name()).toList()) + ")";

    /** A record to store and the id that makes writing it again harmless. */
    public record Row(String id, UsageEntry entry) {
        public Row {
            requireNonNull(id, "id");
            requireNonNull(entry, "entry");
        }
    }

    private final ConfigStore store;

    public UsageStore(ConfigStore store) {
        this.store = requireNonNull(store, "store");
    }

    /** Stores the rows whose ids are not stored yet; answers how many were new. */
    public int insert(List<Row> rows) {
        int inserted = 0;
        for (int i = 0; i < rows.size(); i += CHUNK) {
            List<Row> chunk = rows.subList(i, Math.min(rows.size(), i + CHUNK));
            inserted += store.call(h -> insertChunk(h, chunk));
        }
        return inserted;
    }

    /**
     * Fresh records never repeat an id: only a retried batch or a replayed spill file can. So the
     * rows go in at once, and only when the unique id refuses them is the batch written again
     * without the ids already stored. Looking for them first in every batch cost about a third
     * of the usage writer's database time (JFR, bench scenario 4).
     */
    private static int insertChunk(Handle h, List<Row> rows) {
        try {
            return h.inTransaction(tx -> insertAll(tx, rows));
        } catch (JdbiException e) {
            if (!constraintViolated(e)) {
                throw e;
            }
        }
        return h.inTransaction(tx -> insertNew(tx, rows));
    }

    private static int insertAll(Handle h, List<Row> rows) {
        PreparedBatch batch = h.prepareBatch(INSERT);
        for (Row row : rows) {
            bind(batch, row);
            batch.add();
        }
        batch.execute();
        return rows.size();
    }

    /** SQLSTATE class 23 (integrity constraint violation), as both H2 and PostgreSQL report a duplicate id. */
    private static boolean constraintViolated(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            for (SQLException s = c instanceof SQLException q ? q : null; s != null; s = s.getNextException()) {
                if (s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int insertNew(Handle h, List<Row> rows) {
        Set<String> skip = new HashSet<>(h.createQuery("SELECT id FROM usage_records WHERE id IN (<ids>)")
                .bindList("ids", rows.stream().map(Row::id).toList()).mapTo(String.class).list());
        PreparedBatch batch = h.prepareBatch(INSERT);
        int n = 0;
        for (Row row : rows) {
            if (skip.add(row.id())) {
                bind(batch, row);
                batch.add();
                n++;
            }
        }
        if (n > 0) {
            batch.execute();
        }
        return n;
    }

    private static void bind(PreparedBatch batch, Row row) {
        for (Column c : COLUMNS) {
            Object v = c.value().apply(row);
            switch (c.type()) {
                case TEXT -> batch.bind(c.name(), text((String) v, c.width()));
                case INSTANT -> batch.bind(c.name(), ((Instant) v).toEpochMilli());
                case LONG -> batch.bind(c.name(), (long) (Long) v);
                case INT -> batch.bind(c.name(), (int) (Integer) v);
                case BOOL -> batch.bind(c.name(), (boolean) (Boolean) v);
                case DOUBLE -> batch.bind(c.name(), Double.isFinite((Double) v) ? (double) (Double) v : -1.0);
                case NULLABLE_DOUBLE -> batch.bind(c.name(), v == null || !Double.isFinite((Double) v) ? null : (Double) v);
            }
        }
    }

    /** Cut to the column's width, without NUL (PostgreSQL refuses it): a row that cannot be stored would block the rest. */
    private static String text(String s, int width) {
        if (s == null) {
            return null;
        }
        String clean = s.indexOf('\0') >= 0 ? s.replace("\0", "") : s;
        return clean.length() <= width ? clean : clean.substring(0, width);
    }

    /** Records, newest first, one page at a time. Fields are the Admin API's; {@code at} is an {@link Instant}. */
    public Page<Map<String, Object>> list(UsageQuery query) {
        long[] after = decodeOffset(query.offset());
        return store.call(h -> {
            Map<String, Object> binds = new HashMap<>();
            StringBuilder sql = new StringBuilder("SELECT seq, " + NAMES + " FROM usage_records").append(where(query, binds));
            if (after != null) {
                sql.append(" AND (recorded_at < :after_at OR (recorded_at = :after_at AND seq < :after_seq))");
                binds.put("after_at", after[0]);
                binds.put("after_seq", after[1]);
            }
            sql.append(" ORDER BY recorded_at DESC, seq DESC LIMIT ").append(query.size() + 1);
            List<long[]> keys = new ArrayList<>();
            List<Map<String, Object>> rows = h.createQuery(sql.toString()).bindMap(binds).map((rs, ctx) -> {
                keys.add(new long[] {rs.getLong("recorded_at"), rs.getLong("seq")});
                return read(rs);
            }).list();
            boolean more = rows.size() > query.size();
            if (!more) {
                return new Page<>(rows, Optional.empty());
            }
            long[] last = keys.get(query.size() - 1);
            return new Page<>(rows.subList(0, query.size()), Optional.of(encodeOffset(last)));
        });
    }

    private static Map<String, Object> read(ResultSet rs) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Column c : COLUMNS) {
            Object v = switch (c.type()) {
                case TEXT -> rs.getString(c.name());
                case INSTANT -> Instant.ofEpochMilli(rs.getLong(c.name()));
                case LONG -> rs.getLong(c.name());
                case INT -> rs.getInt(c.name());
                case BOOL -> rs.getBoolean(c.name());
                case DOUBLE -> rs.getDouble(c.name());
                case NULLABLE_DOUBLE -> {
                    double d = rs.getDouble(c.name());
                    yield rs.wasNull() ? null : d;
                }
            };
            m.put(c.field(), v);
        }
        return m;
    }

    /**
     * Sums per group: requests, tokens and cost. Days come oldest first; other groups costliest
     * first. Cost adds up the priced records; when those are in several currencies the sum means
     * nothing, so {@code cost} is null and {@code currency} is {@code "mixed"}.
     */
    public List<Map<String, Object>> summarize(UsageQuery query, UsageGrouping grouping) {
        return summarize(query, grouping, 0);
    }

    /** As {@link #summarize(UsageQuery, UsageGrouping)}, the first {@code limit} groups only (0: all). */
    public List<Map<String, Object>> summarize(UsageQuery query, UsageGrouping grouping, int limit) {
        return store.call(h -> {
            Map<String, Object> binds = new HashMap<>();
            String key = grouping.expression();
            String sql = "SELECT " + key + " AS group_key, MAX(consumer_name) AS any_name, " + SUMS
                    + " FROM usage_records" + where(query, binds) + " GROUP BY " + key
                    + (grouping.chronological() ? " ORDER BY group_key"
                            : " ORDER BY s_cost DESC NULLS LAST, s_total DESC, group_key")
                    + (limit > 0 ? " LIMIT " + limit : "");
            Query q = h.createQuery(sql).bindMap(binds);
            return q.map((rs, ctx) -> summaryRow(rs, grouping)).list();
        });
    }

    /** The sums of every record the query matches, as one summary row without a group key. */
    public Map<String, Object> total(UsageQuery query) {
        return store.call(h -> {
            Map<String, Object> binds = new HashMap<>();
            return h.createQuery("SELECT " + SUMS + " FROM usage_records" + where(query, binds)).bindMap(binds)
                    .map((rs, ctx) -> sums(rs, new LinkedHashMap<>())).one();
        });
    }

    private static final String SUMS = "COUNT(*) AS requests,"
            + " SUM(prompt_tokens) AS s_prompt, SUM(completion_tokens) AS s_completion,"
            + " SUM(total_tokens) AS s_total, SUM(cached_prompt_tokens) AS s_cached,"
            + " SUM(reasoning_tokens) AS s_reasoning, SUM(cost) AS s_cost,"
            + " MIN(currency) AS min_currency, MAX(currency) AS max_currency,"
            + " SUM(CASE WHEN cost IS NULL THEN 1 ELSE 0 END) AS unpriced";

    private static Map<String, Object> summaryRow(ResultSet rs, UsageGrouping grouping) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        if (grouping == UsageGrouping.DAY) {
            m.put("day", LocalDate.ofEpochDay(rs.getLong("group_key")).toString());
        } else if (grouping == UsageGrouping.HOUR) {
            m.put("hour", Instant.ofEpochMilli(rs.getLong("group_key") * 3_600_000L).toString());
        } else {
            m.put(grouping.key(), rs.getString("group_key"));
        }
        if (grouping == UsageGrouping.CONSUMER) {
            m.put("consumer_name", rs.getString("any_name"));
        }
        return sums(rs, m);
    }

    private static Map<String, Object> sums(ResultSet rs, Map<String, Object> m) throws SQLException {
        m.put("requests", rs.getLong("requests"));
        m.put("prompt_tokens", rs.getLong("s_prompt"));
        m.put("completion_tokens", rs.getLong("s_completion"));
        m.put("total_tokens", rs.getLong("s_total"));
        m.put("cached_prompt_tokens", rs.getLong("s_cached"));
        m.put("reasoning_tokens", rs.getLong("s_reasoning"));
        double cost = rs.getDouble("s_cost");
        boolean priced = !rs.wasNull();
        String min = rs.getString("min_currency");
        boolean mixed = min != null && !min.equals(rs.getString("max_currency"));
        m.put("cost", priced && !mixed ? cost : null);
        m.put("currency", mixed ? "mixed" : min);
        m.put("unpriced_requests", rs.getLong("unpriced"));
        return m;
    }

    private static String where(UsageQuery query, Map<String, Object> binds) {
        StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
        query.where().forEach((column, value) -> {
            sql.append(" AND ").append(column).append(" = :w_").append(column);
            binds.put("w_" + column, value);
        });
        if (query.from() != null) {
            sql.append(" AND recorded_at >= :from_ms");
            binds.put("from_ms", query.from().toEpochMilli());
        }
        if (query.to() != null) {
            sql.append(" AND recorded_at < :to_ms");
            binds.put("to_ms", query.to().toEpochMilli());
        }
        return sql.toString();
    }

    private static String encodeOffset(long[] key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((key[0] + ":" + key[1]).getBytes(StandardCharsets.UTF_8));
    }

    private static long[] decodeOffset(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("offset: '" + token + "' (expected: the 'offset' of a previous page)");
        }
    }
}
