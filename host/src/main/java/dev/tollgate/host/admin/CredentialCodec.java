package dev.tollgate.host.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.db.Credential;
import dev.tollgate.db.EntityJson;
import dev.tollgate.db.EntityKind;
import dev.tollgate.db.Ref;
import dev.tollgate.host.plugins.CredentialKeys;
import dev.tollgate.sdk.CredentialType;
import dev.tollgate.sdk.config.SchemaViolationException;

/**
 * Credentials of one kind, shaped by the plugin that declares the kind: its schema validates
 * the fields, its key field is what the credential is found by, its secret fields are never shown.
 */
final class CredentialCodec implements EntityCodec<Credential> {
    private static final String REDACTED = "<redacted>";
    /** Marks a stored secret carried over by PATCH, so it is not transformed (hashed) a second time. */
    private static final String STORED = "\u0000stored-" + java.util.UUID.randomUUID() + ":";

    private final CredentialType type;

    CredentialCodec(CredentialType type) {
        this.type = type;
    }

    CredentialType type() {
        return type;
    }

    @Override
    public EntityKind<Credential> kind() {
        return EntityKind.CREDENTIALS;
    }

    @Override
    public String nameField() {
        return type.keyField();
    }

    @Override
    public Set<String> fields() {
        Set<String> f = new TreeSet<>();
        type.schema().fields().forEach(x -> f.add(x.name()));
        f.add("consumer");
        f.add("tags");
        return f;
    }

    @Override
    public Credential build(FieldReader r, Meta meta, References refs) {
        Ref consumer = refs.resolve(r, "consumer", EntityKind.CONSUMERS);
        if (consumer == null && !r.has("consumer")) {
            r.error("consumer", "required field missing");
        }
        Map<String, Object> input = new LinkedHashMap<>();
        for (var it = r.node().properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (type.schema().field(e.getKey()).isPresent() && !e.getValue().isNull()) {
                input.put(e.getKey(), EntityJson.mapper().convertValue(e.getValue(), Object.class));
            }
        }
        if (input.get(type.keyField()) == null && type.keyGenerator() != null) {
            input.put(type.keyField(), type.keyGenerator().get());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        String key = null;
        try {
            data = new LinkedHashMap<>(type.schema().validate(input).asMap());
            data = transform(data, consumer);
            Object k = data.remove(type.keyField());
            key = k == null ? null : String.valueOf(k);
            if (key == null || key.isEmpty()) {
                r.error(type.keyField(), "required field missing");
            }
        } catch (SchemaViolationException e) {
            e.errors().forEach(r::error);
        }
        data.remove("tags");
        String stored = key == null || consumer == null ? key
                : CredentialKeys.stored(consumer.id(), key, type.keyScope() == CredentialType.KeyScope.PER_CONSUMER);
        return new Credential(meta.id(), type.kind(), consumer, stored, data, Tags.read(r), meta.createdAt(), meta.updatedAt());
    }

    /** Runs the kind's {@code onSave} on the fields written now; carried-over secrets pass untouched. */
    private Map<String, Object> transform(Map<String, Object> data, Ref consumer) {
        Map<String, Object> carried = new LinkedHashMap<>();
        data.entrySet().removeIf(e -> {
            if (e.getValue() instanceof String s && s.startsWith(STORED)) {
                carried.put(e.getKey(), s.substring(STORED.length()));
                return true;
            }
            return false;
        });
        if (type.onSave() != null && consumer != null) {
            Map<String, Object> given = new LinkedHashMap<>(data);
            given.put("consumer_id", consumer.id());
            data = new LinkedHashMap<>(type.onSave().apply(given));
            data.remove("consumer_id");
        }
        data.putAll(carried);
        return data;
    }

    @Override
    public String storedName(Map<String, String> where, String name) {
        String consumerId = where.get("consumer_id");
        return consumerId == null ? name
                : CredentialKeys.stored(consumerId, name, type.keyScope() == CredentialType.KeyScope.PER_CONSUMER);
    }

    @Override
    public ObjectNode render(Credential c) {
        ObjectNode out = EntityJson.mapper().createObjectNode();
        out.put("id", c.id());
        out.putObject("consumer").put("id", Ref.idOf(c.consumer()));
        out.put(type.keyField(), type.secretFields().contains(type.keyField()) ? REDACTED : CredentialKeys.key(c));
        c.data().forEach((k, v) -> {
            JsonNode value = type.secretFields().contains(k) && v != null
                    ? out.textNode(REDACTED) : EntityJson.mapper().valueToTree(v);
            out.set(k, value);
        });
        out.set("tags", EntityJson.mapper().valueToTree(c.tags()));
        out.put("created_at", c.createdAt());
        return out;
    }

    /** For PATCH: the stored credential as a request body would carry it (secrets left out). */
    @Override
    public ObjectNode editable(Credential c) {
        ObjectNode out = EntityJson.mapper().createObjectNode();
        out.putObject("consumer").put("id", Ref.idOf(c.consumer()));
        out.put(type.keyField(), CredentialKeys.key(c));
        c.data().forEach((k, v) -> out.set(k, type.secretFields().contains(k) && v instanceof String s
                ? out.textNode(STORED + s) : EntityJson.mapper().valueToTree(v)));
        out.set("tags", EntityJson.mapper().valueToTree(c.tags()));
        return out;
    }
}
