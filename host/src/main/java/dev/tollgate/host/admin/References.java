package dev.tollgate.host.admin;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.db.ConfigStore;
import dev.tollgate.db.Entity;
import dev.tollgate.db.EntityKind;
import dev.tollgate.db.Ref;

/** Resolves {@code {"id": ...}} or {@code {"name": ...}} references in request bodies to ids. */
final class References {
    private final ConfigStore store;

    References(ConfigStore store) {
        this.store = store;
    }

    /** The referenced entity's id; null when the field is absent or null. Errors go to {@code r}. */
    Ref resolve(FieldReader r, String field, EntityKind<? extends Entity> kind) {
        JsonNode v = r.node().get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String key;
        if (r.node().get(field).isTextual()) {
            key = v.asText(); // a bare id or name, as some clients send it
        } else if (v instanceof ObjectNode o && o.size() == 1
                && (o.has("id") || o.has("name") || o.has("username")) && o.elements().next().isTextual()) {
            key = o.elements().next().asText();
        } else {
            r.error(field, "expected a reference such as {\"id\": \"<uuid>\"} or {\"name\": \"<name>\"}");
            return null;
        }
        Optional<? extends Entity> found = key.isEmpty() ? Optional.empty() : store.find(kind, key);
        if (found.isEmpty()) {
            r.error(field, "the " + kind.singular() + " '" + FieldReader.abbreviate(key) + "' does not exist");
            return null;
        }
        return new Ref(found.get().id());
    }
}
