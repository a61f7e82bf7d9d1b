package dev.tollgate.db;

import java.util.List;
import java.util.Optional;

/** One page of a listing; {@code next} is the offset token of the following page, if any. */
public record Page<T>(List<T> data, Optional<String> next) {
    public Page {
        data = List.copyOf(data);
    }
}
