package dev.tollgate.host.admin;

import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.db.Entity;
import dev.tollgate.db.EntityJson;
import dev.tollgate.db.EntityKind;

/**
 * How the Admin API reads and shows one entity kind: which fields a body may carry and how a
 * validated body becomes the entity record.
 */
interface EntityCodec<T extends Entity> {

    /** Identity and timestamps the API assigns, not the caller. */
    record Meta(String id, long createdAt, long updatedAt) {}

    EntityKind<T> kind();

    /** Fields a request body may carry (besides id, created_at and updated_at). */
    Set<String> fields();

    /** Rewrites shorthand input (a service's {@code url}) before it is merged. */
    default ObjectNode expand(ObjectNode input, FieldReader errors) {
        return input;
    }

    /** Builds the entity from a merged body; reports problems through {@code r}. */
    T build(FieldReader r, Meta meta, References refs);

    /**
     * Before a write is built: secret values the client sent back as the API showed them
     * ({@code "<redacted>"}) become the stored ones again ({@code stored} is empty for a new
     * entity), so that a form or a GET-edit-PUT round trip never stores the placeholder.
     */
    default void keepSecrets(ObjectNode input, ObjectNode stored) {
    }

    /** Query parameters a list takes as equality filters on the column of the same name (plugins: {@code name}). */
    default Set<String> listFilters() {
        return Set.of();
    }

    default ObjectNode render(T entity) {
        return EntityJson.mapper().valueToTree(entity);
    }

    /** The stored entity as a body PATCH merges into; by default what the API shows. */
    default ObjectNode editable(T entity) {
        return render(entity);
    }

    /** How a name in the path is stored in the name column, within a parent's scope. */
    default String storedName(java.util.Map<String, String> where, String name) {
        return name;
    }

    /** The body field a name in the path ({@code PUT /consumers/alice}) sets. */
    default String nameField() {
        return kind().nameColumn();
    }
}
