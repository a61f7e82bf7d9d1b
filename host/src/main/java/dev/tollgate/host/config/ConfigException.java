package dev.tollgate.host.config;

/** The configuration cannot be used; the message names the key, the value and what was expected. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
