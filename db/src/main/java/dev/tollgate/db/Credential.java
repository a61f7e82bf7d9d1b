package dev.tollgate.db;

import java.util.List;
import java.util.Map;

/**
 * A consumer's credential of one kind ({@code key-auth}, {@code basic-auth}, {@code jwt},
 * {@code acls}, ...). {@code lookupKey} is what the credential is found by (the API key, the
 * username, the JWT issuer key, the ACL group); {@code data} holds the kind's other fields.
 */
public record Credential(
        String id,
        String kind,
        Ref consumer,
        String lookupKey,
        Map<String, Object> data,
        List<String> tags,
        long createdAt,
        long updatedAt) implements Entity {
    public Credential {
        // Values may be null (an unset optional field), which Map.copyOf refuses.
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
