package dev.tollgate.upstream;

import static java.util.Objects.requireNonNull;

/** One header line: its name as written and its value. */
public record HeaderField(String name, String value) {
    public HeaderField {
        requireNonNull(name, "name");
        requireNonNull(value, "value");
    }

    /** True when this field's name is {@code lowerCaseName}, in any case. */
    public boolean is(String lowerCaseName) {
        return name.equalsIgnoreCase(lowerCaseName);
    }
}
