package dev.tollgate.plugins.requestsizelimiting;

import java.util.Locale;

/** The unit of {@code allowed_payload_size}; binary multiples, as Kong counts them. */
enum SizeUnit {
    BYTES(1),
    KILOBYTES(1L << 10),
    MEGABYTES(1L << 20);

    private final long bytes;

    SizeUnit(long bytes) {
        this.bytes = bytes;
    }

    long bytes() {
        return bytes;
    }

    /** The name operators write: {@code megabytes}. */
    String field() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SizeUnit of(String field) {
        return valueOf(field.toUpperCase(Locale.ROOT));
    }
}
