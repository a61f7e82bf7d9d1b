package dev.tollgate.db;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
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
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

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
    /** Positional binds on a plain JDBC batch: binding by name through Jdbi was a quarter of the usage writer's CPU (JFR, bench scenario 4). */
    private static final String INSERT = "INSERT INTO usage_records (" + NAMES + ") VALUES ("
            + String.join(", ", COLUMNS.stream().map(c -> "?").toList()) + ")";

    /** A record to store and the id that makes writing it again harmless. */
    public record Row(String id, UsageEntry entry) {
        public Row {
            requireNonNull(id, "id");
            requireNonNull(entry, "entry");
        }
    }

    private final ConfigStore store;
    private final UsageDaySums daySums;

    public UsageStore(ConfigStore store) {
        this.store = requireNonNull(store, "store");
        this.daySums = new UsageDaySums(store);
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
        Set<Long> pastDays = pastDays(rows);
        try {
            return h.inTransaction(tx -> {
                UsageDaySums.invalidate(tx, pastDays);
                return insertBatch(tx, rows);
            });
        } catch (JdbiException e) {
            if (!constraintViolated(e)) {
                throw e;
            }
        }
        return h.inTransaction(tx -> {
            UsageDaySums.invalidate(tx, pastDays);
            return insertNew(tx, rows);
        });
    }

    /** The finished UTC days the rows fall on: their day sums, if any, are out of date once the rows are in. */
    private static Set<Long> pastDays(List<Row> rows) {
        long today = System.currentTimeMillis() / UsageDaySums.DAY_MS;
        Set<Long> days = new HashSet<>();
        for (Row r : rows) {
            long day = Math.floorDiv(r.entry().at().toEpochMilli(), UsageDaySums.DAY_MS);
            if (day < today) {
                days.add(day);
            }
        }
        return days;
    }

    /** One JDBC batch of {@code rows}, in the handle's transaction. */
    private static int insertBatch(Handle h, List<Row> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = h.getConnection().prepareStatement(INSERT)) {
            for (Row row : rows) {
                bind(ps, row);
                ps.addBatch();
            }
            ps.executeBatch();
            return rows.size();
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
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
        List<Row> fresh = new ArrayList<>();
        for (Row row : rows) {
            if (skip.add(row.id())) {
                fresh.add(row);
            }
        }
        return insertBatch(h, fresh);
    }

    private static void bind(PreparedStatement ps, Row row) throws SQLException {
        int i = 1;
        for (Column c : COLUMNS) {
            Object v = c.value().apply(row);
            switch (c.type()) {
                case TEXT -> ps.setString(i, text((String) v, c.width()));
                case INSTANT -> ps.setLong(i, ((Instant) v).toEpochMilli());
                case LONG -> ps.setLong(i, (Long) v);
                case INT -> ps.setInt(i, (Integer) v);
                case BOOL -> ps.setBoolean(i, (Boolean) v);
                case DOUBLE -> ps.setDouble(i, Double.isFinite((Double) v) ? (Double) v : -1.0);
                case NULLABLE_DOUBLE -> {
                    if (v == null || !Double.isFinite((Double) v)) {
                        ps.setNull(i, Types.DOUBLE);
                    } else {
                        ps.setDouble(i, (Double) v);
                    }
                }
            }
            i++;
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
     * Sums per group: requests, tokens and cost. Days and hours come oldest first; other groups
     * costliest first. Cost adds up the priced records; when those are in several currencies the
     * sum means nothing, so {@code cost} is null and {@code currency} is {@code "mixed"}.
     */
    public List<Map<String, Object>> summarize(UsageQuery query, UsageGrouping grouping) {
        return summarize(query, grouping, 0);
    }

    /**
     * As {@link #summarize(UsageQuery, UsageGrouping)}, the first {@code limit} groups only (0:
     * all). Without filters, the finished days of the range are read from their sums
     * ({@code usage_day_sums}) and only the rest from the records.
     */
    public List<Map<String, Object>> summarize(UsageQuery query, UsageGrouping grouping, int limit) {
        boolean fromSums = query.where().isEmpty() && (grouping == UsageGrouping.DAY || UsageDaySums.DIMENSIONS.containsKey(grouping));
        List<UsageTotals> rows = fromSums ? bySums(query, grouping) : raw(query, grouping, limit);
        java.util.stream.Stream<UsageTotals> sorted = rows.stream().sorted(grouping.chronological()
                ? java.util.Comparator.comparing((UsageTotals t) -> Long.parseLong(t.key()))
                : java.util.Comparator.comparing((UsageTotals t) -> t.cost() == null ? Double.NEGATIVE_INFINITY : t.cost()).reversed()
                        .thenComparing(java.util.Comparator.comparingLong(UsageTotals::total).reversed())
                        .thenComparing(UsageTotals::key, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
        return (limit > 0 ? sorted.limit(limit) : sorted).map(t -> t.toMap(grouping)).toList();
    }

    /** The sums of every record the query matches, as one summary row without a group key. */
    public Map<String, Object> total(UsageQuery query) {
        if (query.where().isEmpty()) {
            UsageTotals all = null;
            for (UsageTotals t : bySums(query, null)) {
                all = all == null ? t : all.plus(t);
            }
            return (all != null ? all : new UsageTotals(null, null, 0, 0, 0, 0, 0, 0, null, null, null, 0)).toMap(null);
        }
        return store.call(h -> {
            Map<String, Object> binds = new HashMap<>();
            return h.createQuery("SELECT " + UsageTotals.SQL + " FROM usage_records" + where(query, binds)).bindMap(binds)
                    .map((rs, ctx) -> UsageTotals.read(rs, null, null)).one();
        }).toMap(null);
    }

    /** Groups summed by the database from the records themselves. */
    private List<UsageTotals> raw(UsageQuery query, UsageGrouping grouping, int limit) {
        return store.call(h -> raw(h, query, grouping, limit));
    }

    private static List<UsageTotals> raw(Handle h, UsageQuery query, UsageGrouping grouping, int limit) {
        Map<String, Object> binds = new HashMap<>();
        String key = grouping == null ? "NULL" : grouping.expression();
        String sql = "SELECT " + key + " AS group_key, MAX(consumer_name) AS any_name, " + UsageTotals.SQL
                + " FROM usage_records" + where(query, binds) + (grouping == null ? "" : " GROUP BY " + key)
                + (limit > 0 && grouping != null && !grouping.chronological()
                        ? " ORDER BY s_cost DESC NULLS LAST, s_total DESC, group_key LIMIT " + limit : "");
        return h.createQuery(sql).bindMap(binds).map((rs, ctx) -> UsageTotals.read(rs,
                grouping != null && grouping.chronological() ? String.valueOf(rs.getLong("group_key")) : rs.getString("group_key"),
                rs.getString("any_name"))).list();
    }

    /**
     * Without filters: the range's finished days from their sums (summing those not summed yet),
     * the hours before the first and after the last from the records; groups merged by key.
     * {@code grouping} null: one total. Which days are summed, their sums and the records of the
     * others are read in one snapshot (repeatable read), so that a day summed or dropped meanwhile
     * by another reader or a late record is counted exactly once.
     */
    private List<UsageTotals> bySums(UsageQuery query, UsageGrouping grouping) {
        long now = System.currentTimeMillis();
        long today = now / UsageDaySums.DAY_MS;
        long to = query.to() == null ? Long.MAX_VALUE : query.to().toEpochMilli(); // no end: records stamped later count too
        long from = query.from() != null ? query.from().toEpochMilli()
                : store.call(h -> h.createQuery("SELECT MIN(recorded_at) FROM usage_records").mapTo(Long.class).findOne()).orElse(now);
        long firstDay = Math.ceilDiv(from, UsageDaySums.DAY_MS);
        long endDay = Math.min(Math.floorDiv(to, UsageDaySums.DAY_MS), today);
        if (firstDay < endDay) {
            daySums.ensure(firstDay, endDay);
        }
        List<UsageTotals> parts = store.call(h -> h.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, tx -> {
            List<UsageTotals> p = new ArrayList<>();
            if (firstDay >= endDay) {
                p.addAll(rawBetween(tx, from, to, grouping));
                return p;
            }
            p.addAll(rawBetween(tx, from, firstDay * UsageDaySums.DAY_MS, grouping));
            Set<Long> ready = UsageDaySums.readyDays(tx, firstDay, endDay);
            String dimension = grouping == null || grouping == UsageGrouping.DAY ? "" : grouping.key();
            p.addAll(UsageDaySums.read(tx, dimension, ready));
            for (long d = firstDay; d < endDay; d++) {
                if (!ready.contains(d)) {
                    p.addAll(rawBetween(tx, d * UsageDaySums.DAY_MS, (d + 1) * UsageDaySums.DAY_MS, grouping));
                }
            }
            p.addAll(rawBetween(tx, endDay * UsageDaySums.DAY_MS, to, grouping));
            return p;
        }));
        Map<String, UsageTotals> merged = new LinkedHashMap<>();
        for (UsageTotals t : parts) {
            if (t.requests() > 0) {
                merged.merge(grouping == null ? "" : String.valueOf(t.key()), t, UsageTotals::plus);
            }
        }
        return new ArrayList<>(merged.values());
    }

    private static List<UsageTotals> rawBetween(Handle h, long from, long to, UsageGrouping grouping) {
        if (from >= to) {
            return List.of();
        }
        return raw(h, new UsageQuery(Map.of(), Instant.ofEpochMilli(from), to == Long.MAX_VALUE ? null : Instant.ofEpochMilli(to), 1, null),
                grouping, 0);
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
