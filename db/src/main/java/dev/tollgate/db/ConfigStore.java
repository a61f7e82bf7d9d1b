package dev.tollgate.db;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The configuration store: entities in H2 or PostgreSQL, migrated by Flyway at open.
 * Every write bumps one version number, which nodes poll to know when to rebuild
 * their snapshot. Never used on the request path.
 */
public final class ConfigStore implements AutoCloseable {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Foreign-key columns and the table each points to. */
    private static final Map<String, String> REFERENCES = Map.of(
            "service_id", "services", "route_id", "routes",
            "consumer_id", "consumers", "upstream_id", "upstreams");

    /** Between two attempts to reach a database server that was down. */
    private static final long RECONNECT_NANOS = 1_000_000_000L;

    private final DatabaseSettings settings;
    private final DataSource dataSource;
    private final Jdbi jdbi;
    /** Keeps an embedded database open between operations. */
    private final Handle keeper;
    /** False until migrations ran: a server that was down at start is migrated when it comes back. */
    private volatile boolean ready;
    private long lastAttempt;

    private ConfigStore(DatabaseSettings settings, DataSource dataSource, boolean ready) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.keeper = settings.type().equals("h2") ? jdbi.open() : null;
        this.ready = ready;
    }

    /** Opens the database and applies pending migrations; fails when the database cannot be used. */
    public static ConfigStore open(DatabaseSettings settings) {
        requireNonNull(settings, "settings");
        DataSource dataSource = Database.dataSource(settings);
        try {
            Database.migrate(settings, dataSource);
        } catch (RuntimeException e) {
            Database.close(dataSource);
            throw e;
        }
        return new ConfigStore(settings, dataSource, true);
    }

    /**
     * Like {@link #open}, except that a database server that cannot be reached yet is not an
     * error: every call answers {@link StoreException.Unavailable} until it can be reached, and
     * it is migrated then. Wrong credentials or a failed migration still fail at once.
     */
    public static ConfigStore connect(DatabaseSettings settings) {
        requireNonNull(settings, "settings");
        DataSource dataSource = Database.dataSource(settings);
        try {
            Database.migrate(settings, dataSource);
            return new ConfigStore(settings, dataSource, true);
        } catch (StoreException.Unavailable e) {
            if (settings.type().equals("h2") || !isConnectionFailure(e)) {
                Database.close(dataSource);
                throw e;
            }
            return new ConfigStore(settings, dataSource, false);
        }
    }

    /** True once the database was reached and migrated. */
    public boolean isReady() {
        return ready;
    }

    private void ensureReady() {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (ready) {
                return;
            }
            long now = System.nanoTime();
            if (lastAttempt != 0 && now - lastAttempt < RECONNECT_NANOS) {
                throw new StoreException.Unavailable("database " + settings.describe() + ": unreachable", null);
            }
            lastAttempt = now;
            Database.migrate(settings, dataSource);
            ready = true;
        }
    }

    /** SQLSTATE class 08: the connection could not be made or was lost. */
    private static boolean isConnectionFailure(Throwable e) {
        SQLException sql = findSql(e);
        return sql != null && sql.getSQLState() != null && sql.getSQLState().startsWith("08");
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /** True when the database answers a trivial query. */
    public boolean ping() {
        try {
            return call(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one() == 1);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The configuration version; every write increments it. */
    public long version() {
        return call(h -> h.createQuery("SELECT version FROM config_version WHERE id = 1").mapTo(Long.class).one());
    }

    /** Everything, consistently, for building a snapshot. */
    public ConfigData loadAll() {
        return call(h -> h.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, tx -> new ConfigData(
                tx.createQuery("SELECT version FROM config_version WHERE id = 1").mapTo(Long.class).one(),
                all(tx, EntityKind.SERVICES), all(tx, EntityKind.ROUTES), all(tx, EntityKind.UPSTREAMS),
                all(tx, EntityKind.TARGETS), all(tx, EntityKind.CONSUMERS), all(tx, EntityKind.CREDENTIALS),
                all(tx, EntityKind.PLUGINS), all(tx, EntityKind.SCRIPT_PLUGINS), all(tx, EntityKind.MODEL_PRICES))));
    }

    /** Finds by id, or by the kind's name column when {@code idOrName} is not a UUID. */
    public <T extends Entity> Optional<T> find(EntityKind<T> kind, String idOrName) {
        requireNonNull(idOrName, "idOrName");
        String column = isUuid(idOrName) ? "id" : kind.nameColumn();
        return findWhere(kind, Map.of(column, idOrName));
    }

    /** Finds the one entity whose columns equal {@code where}. */
    public <T extends Entity> Optional<T> findWhere(EntityKind<T> kind, Map<String, String> where) {
        return call(h -> {
            StringBuilder sql = new StringBuilder("SELECT doc FROM " + kind.table() + " WHERE 1 = 1");
            where.keySet().forEach(c -> sql.append(" AND ").append(checkedColumn(kind, c)).append(" = :").append(c));
            Query q = h.createQuery(sql.append(" LIMIT 2").toString());
            where.forEach(q::bind);
            List<String> docs = q.mapTo(String.class).list();
            if (docs.size() > 1) {
                // Only a name column that is not unique (a model priced by several providers) gets here.
                throw new StoreException.Ambiguous("several " + kind.singular() + "s have " + String.join(" and ",
                        where.entrySet().stream().map(e -> e.getKey() + " '" + e.getValue() + "'").toList()) + ": use the id");
            }
            return docs.stream().findFirst().map(doc -> parse(kind, doc));
        });
    }

    public <T extends Entity> Page<T> list(EntityKind<T> kind, ListQuery query) {
        long after = decodeOffset(query.offset());
        return call(h -> {
            StringBuilder sql = new StringBuilder("SELECT seq, doc FROM " + kind.table() + " WHERE seq > :after");
            query.where().keySet().forEach(c -> sql.append(" AND ").append(checkedColumn(kind, c)).append(" = :w_").append(c));
            if (!query.tags().isEmpty()) {
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < query.tags().size(); i++) {
                    parts.add("tags LIKE :tag" + i);
                }
                sql.append(" AND (").append(String.join(query.anyTag() ? " OR " : " AND ", parts)).append(")");
            }
            if (query.search() != null) {
                sql.append(" AND (id = :s_id").append(kind.nameColumn() == null ? ")"
                        : " OR LOWER(" + kind.nameColumn() + ") LIKE :s_like)");
            }
            sql.append(" ORDER BY seq LIMIT ").append(query.size() + 1);
            Query q = h.createQuery(sql.toString()).bind("after", after);
            if (query.search() != null) {
                q.bind("s_id", query.search());
                if (kind.nameColumn() != null) {
                    q.bind("s_like", "%" + escapeLike(query.search().toLowerCase(java.util.Locale.ROOT)) + "%");
                }
            }
            query.where().forEach((c, v) -> q.bind("w_" + c, v));
            for (int i = 0; i < query.tags().size(); i++) {
                q.bind("tag" + i, "%," + escapeLike(query.tags().get(i)) + ",%");
            }
            List<Map.Entry<Long, String>> rows = q.map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2))).list();
            boolean more = rows.size() > query.size();
            List<Map.Entry<Long, String>> page = more ? rows.subList(0, query.size()) : rows;
            List<T> data = page.stream().map(e -> parse(kind, e.getValue())).toList();
            Optional<String> next = more ? Optional.of(encodeOffset(page.getLast().getKey())) : Optional.empty();
            return new Page<>(data, next);
        });
    }

    public <T extends Entity> T insert(EntityKind<T> kind, T entity) {
        return write(h -> {
            checkReferences(h, kind, entity);
            checkUnique(h, kind, entity);
            Map<String, Object> cols = columns(kind, entity);
            String names = String.join(", ", cols.keySet());
            String params = String.join(", ", cols.keySet().stream().map(c -> ":" + c).toList());
            var update = h.createUpdate("INSERT INTO " + kind.table() + " (" + names + ") VALUES (" + params + ")");
            cols.forEach(update::bind);
            update.execute();
            if (entity instanceof ScriptPlugin s) {
                ScriptVersions.record(h, s, System.currentTimeMillis());
            }
            return entity;
        });
    }

    /** Replaces the entity with the same id; empty when there is none. */
    public <T extends Entity> Optional<T> update(EntityKind<T> kind, T entity) {
        return write(h -> {
            checkReferences(h, kind, entity);
            checkUnique(h, kind, entity);
            Map<String, Object> cols = columns(kind, entity);
            cols.remove("id");
            cols.remove("created_at");
            String sets = String.join(", ", cols.keySet().stream().map(c -> c + " = :" + c).toList());
            var update = h.createUpdate("UPDATE " + kind.table() + " SET " + sets + " WHERE id = :id");
            cols.forEach(update::bind);
            int n = update.bind("id", entity.id()).execute();
            if (n > 0 && entity instanceof ScriptPlugin s) {
                ScriptVersions.record(h, s, System.currentTimeMillis());
            }
            return n == 0 ? Optional.<T>empty() : Optional.of(entity);
        });
    }

    /** Deletes by id; false when there was none. Dependent plugins, targets and credentials go with it. */
    public boolean delete(EntityKind<?> kind, String id) {
        return write(h -> {
            if (kind == EntityKind.SERVICES) {
                boolean referenced = h.createQuery("SELECT COUNT(*) FROM routes WHERE service_id = :id")
                        .bind("id", id).mapTo(Long.class).one() > 0;
                if (referenced) {
                    throw new StoreException.Reference(null,
                            "an existing 'routes' entity references this 'services' entity");
                }
            }
            return h.createUpdate("DELETE FROM " + kind.table() + " WHERE id = :id").bind("id", id).execute() > 0;
        });
    }

    @Override
    public void close() {
        if (keeper != null) {
            keeper.close();
        }
        Database.close(dataSource);
    }

    // ---- internals

    private <R> R write(HandleCallback<R, RuntimeException> body) {
        return call(h -> h.inTransaction(tx -> {
            R result = body.withHandle(tx);
            tx.createUpdate("UPDATE config_version SET version = version + 1 WHERE id = 1").execute();
            return result;
        }));
    }

    /** Runs {@code body} on a handle of a migrated database; failures come out as {@link StoreException}s. */
    <R> R call(HandleCallback<R, RuntimeException> body) {
        ensureReady();
        try {
            return jdbi.withHandle(body);
        } catch (JdbiException e) {
            throw translate(e);
        }
    }

    private static RuntimeException translate(JdbiException e) {
        SQLException sql = findSql(e);
        String state = sql == null ? null : sql.getSQLState();
        if ("23505".equals(state)) {
            return new StoreException.Duplicate("UNIQUE violation detected", Map.of());
        }
        if ("23503".equals(state)) {
            return new StoreException.Reference(null, "a referenced entity does not exist or is still referenced");
        }
        return new StoreException.Unavailable("database error: " + rootMessage(e), e);
    }

    private <T extends Entity> void checkReferences(Handle h, EntityKind<T> kind, T entity) {
        for (EntityKind.Column<T> c : kind.columns()) {
            String table = REFERENCES.get(c.name());
            Object value = c.value().apply(entity);
            if (table == null || value == null) {
                continue;
            }
            boolean exists = h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE id = :id")
                    .bind("id", value).mapTo(Long.class).one() > 0;
            if (!exists) {
                throw new StoreException.Reference(c.field(), "the foreign key '{id=\"" + value
                        + "\"}' does not reference an existing '" + table + "' entity.");
            }
        }
    }

    private <T extends Entity> void checkUnique(Handle h, EntityKind<T> kind, T entity) {
        for (List<String> key : kind.uniqueKeys()) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (String col : key) {
                values.put(col, kind.column(col).value().apply(entity));
            }
            if (values.containsValue(null)) {
                continue;
            }
            StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM " + kind.table() + " WHERE id <> :id");
            values.keySet().forEach(c -> sql.append(" AND ").append(c).append(" = :").append(c));
            Query q = h.createQuery(sql.toString()).bind("id", entity.id());
            values.forEach(q::bind);
            if (q.mapTo(Long.class).one() > 0) {
                Map<String, Object> fields = keyFields(kind, key, entity);
                List<String> shown = new ArrayList<>();
                fields.forEach((f, v) -> shown.add(f + "=" + (v instanceof String s ? "\"" + s + "\"" : v)));
                throw new StoreException.Duplicate(
                        "UNIQUE violation detected on '{" + String.join(",", shown) + "}'", fields);
            }
        }
    }

    /** The Admin API fields behind a unique key, as a 409 names them: a composite key column shows its parts. */
    private static <T extends Entity> Map<String, Object> keyFields(EntityKind<T> kind, List<String> key, T entity) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String col : key) {
            EntityKind.Column<T> c = kind.column(col);
            switch (entity) {
                case ConfiguredPlugin p when col.equals("scope_key") -> fields.put("name", p.name());
                case ModelPrice m when col.equals("price_key") -> {
                    fields.put("provider", m.provider());
                    fields.put("model", m.model());
                }
                default -> fields.put(c.field(), c.value().apply(entity));
            }
        }
        return fields;
    }

    private static <T extends Entity> Map<String, Object> columns(EntityKind<T> kind, T entity) {
        Map<String, Object> cols = new LinkedHashMap<>();
        cols.put("id", entity.id());
        for (EntityKind.Column<T> c : kind.columns()) {
            cols.put(c.name(), c.value().apply(entity));
        }
        cols.put("tags", entity.tags().isEmpty() ? "" : "," + String.join(",", entity.tags()) + ",");
        cols.put("doc", write(entity));
        cols.put("created_at", entity.createdAt());
        cols.put("updated_at", entity.updatedAt());
        return cols;
    }

    private static <T extends Entity> List<T> all(Handle h, EntityKind<T> kind) {
        return h.createQuery("SELECT doc FROM " + kind.table() + " ORDER BY seq")
                .mapTo(String.class).map(doc -> parse(kind, doc)).list();
    }

    private static String checkedColumn(EntityKind<?> kind, String column) {
        if (!column.equals("id")) {
            kind.column(column); // throws for anything that is not a known column
        }
        return column;
    }

    private static <T extends Entity> T parse(EntityKind<T> kind, String doc) {
        try {
            return EntityJson.mapper().readValue(doc, kind.type());
        } catch (JsonProcessingException e) {
            throw new StoreException.Unavailable("corrupt " + kind.singular() + " document: " + e.getOriginalMessage(), e);
        }
    }

    private static String write(Entity entity) {
        try {
            return EntityJson.mapper().writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + entity, e);
        }
    }

    static boolean isUuid(String s) {
        return UUID.matcher(s).matches();
    }

    private static String encodeOffset(long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Long.toString(seq).getBytes(StandardCharsets.UTF_8));
    }

    private static long decodeOffset(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("offset: '" + token + "' (expected: the 'offset' of a previous page)");
        }
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static SQLException findSql(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
