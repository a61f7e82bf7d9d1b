package dev.tollgate.host.admin;

import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.db.ConfigStore;
import dev.tollgate.db.Entity;
import dev.tollgate.db.ListQuery;
import dev.tollgate.db.Page;
import io.helidon.webserver.http.ServerRequest;

/**
 * Create, read, update, delete and list for one entity kind, optionally inside a parent's
 * scope ({@code /services/{service}/routes}). Every write is validated whole, stored, and
 * published to the proxy before the answer goes out.
 */
final class Crud<T extends Entity> {
    private static final Pattern UUID_PATTERN = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Set<String> META_FIELDS = Set.of("id", "created_at", "updated_at");

    /** A parent scope: list filter ({@code service_id = ...}) and the field set on new children. */
    record Scope(Map<String, String> where, ObjectNode forced) {
        static final Scope NONE = new Scope(Map.of(), JsonNodeFactory.instance.objectNode());
    }

    private final ConfigStore store;
    private final EntityCodec<T> codec;
    private final References refs;
    private final Runnable published;
    private final Clock clock;

    Crud(ConfigStore store, EntityCodec<T> codec, Runnable published, Clock clock) {
        this.store = store;
        this.codec = codec;
        this.refs = new References(store);
        this.published = published;
        this.clock = clock;
    }

    EntityCodec<T> codec() {
        return codec;
    }

    ObjectNode list(ServerRequest req, Scope scope) {
        var q = req.query();
        int size = ListQuery.DEFAULT_SIZE;
        if (q.contains("size")) {
            try {
                size = Integer.parseInt(q.get("size"));
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > ListQuery.MAX_SIZE) {
                throw AdminException.schema("size", "'" + q.get("size") + "' (expected: an integer 1.." + ListQuery.MAX_SIZE + ")");
            }
        }
        String offset = q.contains("offset") ? q.get("offset") : null;
        List<String> tags = List.of();
        boolean any = false;
        if (q.contains("tags")) {
            String t = q.get("tags");
            any = t.contains("/");
            if (any && t.contains(",")) {
                throw AdminException.schema("tags", "mix of ',' (all) and '/' (any) is not supported");
            }
            tags = List.of(t.split(any ? "/" : ","));
        }
        Page<T> page;
        try {
            String search = q.contains("search") ? q.get("search") : null;
            if (search != null && search.length() > 256) {
                throw AdminException.schema("search", "at most 256 characters");
            }
            Map<String, String> where = new java.util.HashMap<>(scope.where());
            for (String f : codec.listFilters()) {
                if (q.contains(f)) {
                    where.put(f, q.get(f));
                }
            }
            var query = new ListQuery(size, offset, tags, any, where, search);
            page = StoreErrors.translate(() -> store.list(codec.kind(), query));
        } catch (IllegalArgumentException e) {
            throw AdminException.schema("offset", e.getMessage().substring(e.getMessage().indexOf(':') + 2));
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode data = out.putArray("data");
        page.data().forEach(e -> data.add(codec.render(e)));
        if (page.next().isPresent()) {
            String next = page.next().get();
            out.put("next", req.path().rawPath() + "?offset=" + next + (q.contains("size") ? "&size=" + size : "")
                    + (q.contains("tags") ? "&tags=" + q.get("tags") : "")
                    + (q.contains("search") ? "&search=" + java.net.URLEncoder.encode(q.get("search"), java.nio.charset.StandardCharsets.UTF_8) : "")
                    + codec.listFilters().stream().filter(q::contains)
                            .map(f -> "&" + f + "=" + java.net.URLEncoder.encode(q.get(f), java.nio.charset.StandardCharsets.UTF_8))
                            .collect(java.util.stream.Collectors.joining()));
            out.put("offset", next);
        } else {
            out.putNull("next");
        }
        return out;
    }

    Optional<T> find(String idOrName, Scope scope) {
        return StoreErrors.translate(() -> {
            if (!scope.where().isEmpty() && !UUID_PATTERN.matcher(idOrName).matches()) {
                // Inside a scope a child is named by its key within the parent (a target by host:port):
                // two upstreams may both have a target 10.0.0.1:80.
                return store.findWhere(codec.kind(), merge(scope.where(), codec.kind().nameColumn(),
                        codec.storedName(scope.where(), idOrName)));
            }
            return store.find(codec.kind(), idOrName).filter(e -> inScope(e, scope));
        });
    }

    T get(String idOrName, Scope scope) {
        return find(idOrName, scope).orElseThrow(AdminException::notFound);
    }

    T create(RequestBodies.Body body, Scope scope) {
        FieldReader r = reader(body, scope, JsonNodeFactory.instance.objectNode());
        String id = newId(body.node(), r);
        long now = clock.instant().getEpochSecond();
        T entity = build(r, new EntityCodec.Meta(id, now, now));
        T saved = StoreErrors.translate(() -> store.insert(codec.kind(), entity));
        published.run();
        return saved;
    }

    T patch(String idOrName, RequestBodies.Body body, Scope scope) {
        T existing = get(idOrName, scope);
        ObjectNode base = codec.editable(existing);
        META_FIELDS.forEach(base::remove);
        FieldReader r = reader(body, scope, base);
        T entity = build(r, new EntityCodec.Meta(existing.id(), existing.createdAt(), clock.instant().getEpochSecond()));
        T saved = StoreErrors.translate(() -> store.update(codec.kind(), entity)).orElseThrow(AdminException::notFound);
        published.run();
        return saved;
    }

    /** Creates or replaces; a name in the path becomes the entity's name. */
    T put(String idOrName, RequestBodies.Body body, Scope scope) {
        Optional<T> existing = find(idOrName, scope);
        ObjectNode input = body.node();
        boolean isId = UUID_PATTERN.matcher(idOrName).matches();
        if (!isId) {
            input.put(codec.nameField(), idOrName);
        }
        ObjectNode stored = existing.map(codec::editable).orElseGet(JsonNodeFactory.instance::objectNode);
        FieldReader r = reader(body, scope, JsonNodeFactory.instance.objectNode(), stored);
        long now = clock.instant().getEpochSecond();
        String id = existing.map(Entity::id).orElse(isId ? idOrName.toLowerCase(java.util.Locale.ROOT) : UUID.randomUUID().toString());
        long created = existing.map(Entity::createdAt).orElse(now);
        T entity = build(r, new EntityCodec.Meta(id, created, now));
        T saved = existing.isPresent()
                ? StoreErrors.translate(() -> store.update(codec.kind(), entity)).orElseThrow(AdminException::notFound)
                : StoreErrors.translate(() -> store.insert(codec.kind(), entity));
        published.run();
        return saved;
    }

    void delete(String idOrName, Scope scope) {
        Optional<T> existing = find(idOrName, scope);
        if (existing.isPresent()) {
            StoreErrors.translate(() -> store.delete(codec.kind(), existing.get().id()));
            published.run();
        }
    }

    private FieldReader reader(RequestBodies.Body body, Scope scope, ObjectNode base) {
        return reader(body, scope, base, base);
    }

    /** {@code stored}: the entity as stored now, whose secrets a {@code "<redacted>"} in the input keeps. */
    private FieldReader reader(RequestBodies.Body body, Scope scope, ObjectNode base, ObjectNode stored) {
        ObjectNode input = body.node();
        FieldReader check = new FieldReader(input, body.form());
        input = codec.expand(input, check);
        Set<String> known = new java.util.HashSet<>(codec.fields());
        known.addAll(META_FIELDS);
        check.rejectUnknown(input, known);
        check.throwIfInvalid();
        ObjectNode merged = base.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = input.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (META_FIELDS.contains(e.getKey())) {
                continue;
            }
            JsonNode old = merged.get(e.getKey());
            if (e.getKey().equals("config") && old instanceof ObjectNode o && e.getValue() instanceof ObjectNode n) {
                deepMerge(o, n); // PATCH of a plugin's config changes the given keys only, nested records too; lists are replaced
            } else {
                merged.set(e.getKey(), e.getValue());
            }
        }
        merged.setAll(scope.forced());
        codec.keepSecrets(merged, stored);
        return new FieldReader(merged, body.form());
    }

    private static void deepMerge(ObjectNode into, ObjectNode from) {
        from.properties().forEach(e -> {
            if (into.get(e.getKey()) instanceof ObjectNode o && e.getValue() instanceof ObjectNode n) {
                deepMerge(o, n);
            } else {
                into.set(e.getKey(), e.getValue());
            }
        });
    }

    private T build(FieldReader r, EntityCodec.Meta meta) {
        T entity = codec.build(r, meta, refs);
        r.throwIfInvalid();
        return entity;
    }

    private static String newId(ObjectNode input, FieldReader r) {
        JsonNode id = input.get("id");
        if (id == null || id.isNull()) {
            return UUID.randomUUID().toString();
        }
        if (!id.isTextual() || !UUID_PATTERN.matcher(id.asText()).matches()) {
            throw AdminException.schema("id", "expected a UUID");
        }
        return id.asText().toLowerCase(java.util.Locale.ROOT);
    }

    private boolean inScope(T entity, Scope scope) {
        if (scope.where().isEmpty()) {
            return true;
        }
        for (var w : scope.where().entrySet()) {
            Object v = codec.kind().column(w.getKey()).value().apply(entity);
            if (!w.getValue().equals(v)) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> merge(Map<String, String> where, String column, String value) {
        var m = new java.util.HashMap<>(where);
        m.put(column, value);
        return m;
    }
}
