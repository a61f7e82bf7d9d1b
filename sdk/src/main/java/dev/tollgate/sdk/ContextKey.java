package dev.tollgate.sdk;

import static java.util.Objects.requireNonNull;

/**
 * A typed key for data plugins share within one request ({@link PluginContext#put}). Keys
 * compare by identity: a plugin that keeps its key private keeps its data private.
 *
 * @param <T> the value's type
 *
 * @since 0.1.0
 */
public final class ContextKey<T> {
    private final String name;
    private final Class<T> type;

    private ContextKey(String name, Class<T> type) {
        this.name = requireNonNull(name, "name");
        this.type = requireNonNull(type, "type");
    }

    /** A new key; {@code name} is for messages and debugging only. */
    public static <T> ContextKey<T> of(String name, Class<T> type) {
        return new ContextKey<>(name, type);
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public String toString() {
        return "ContextKey[" + name + "]";
    }
}
