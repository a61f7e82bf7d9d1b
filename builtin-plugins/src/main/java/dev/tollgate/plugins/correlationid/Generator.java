package dev.tollgate.plugins.correlationid;

import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How correlation ids are made, as Kong's generators. Each plugin instance has its own base
 * UUID and counter (Kong has one per worker process).
 */
enum Generator {
    /** A random UUID per request. */
    UUID_RANDOM("uuid"),
    /** The instance's UUID, '#' and a counter: cheaper, unique per instance. */
    UUID_COUNTER("uuid#counter"),
    /**
     * {@code <pid>-<counter>-<seconds>.<millis>}: which gateway process, which of its requests,
     * when. Kong's tracker names the server address, port and connection, which plugins cannot see.
     */
    TRACKER("tracker");

    private final String field;

    Generator(String field) {
        this.field = field;
    }

    /** The name operators write. */
    String field() {
        return field;
    }

    static Generator of(String field) {
        for (Generator g : values()) {
            if (g.field.equals(field)) {
                return g;
            }
        }
        throw new IllegalArgumentException("config.generator: '" + field + "' (expected: uuid, uuid#counter, tracker)");
    }

    /** A new id; {@code base} and {@code counter} are the instance's. */
    String next(String base, AtomicLong counter, Clock clock) {
        return switch (this) {
            case UUID_RANDOM -> UUID.randomUUID().toString();
            case UUID_COUNTER -> base + "#" + counter.incrementAndGet();
            case TRACKER -> String.format(Locale.ROOT, "%d-%d-%.3f", ProcessHandle.current().pid(),
                    counter.incrementAndGet(), clock.millis() / 1000.0);
        };
    }
}
