package dev.tollgate.db;

import java.util.List;

/** A configuration entity: has an id, tags and timestamps (seconds since the epoch). */
public interface Entity {
    String id();

    List<String> tags();

    long createdAt();

    long updatedAt();
}
