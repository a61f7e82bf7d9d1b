package dev.tollgate.db;

import static java.util.Objects.requireNonNull;

/** A reference to another entity by id, shown by the Admin API as {@code {"id": "..."}}. */
public record Ref(String id) {
    public Ref {
        requireNonNull(id, "id");
    }

    /** The id of {@code ref}, or null when there is no reference. */
    public static String idOf(Ref ref) {
        return ref == null ? null : ref.id();
    }

    /** A reference to {@code id}, or null when {@code id} is null. */
    public static Ref to(String id) {
        return id == null ? null : new Ref(id);
    }
}
