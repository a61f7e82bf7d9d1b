package dev.tollgate.sdk;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a plugin's shared counters or cache live: a Redis server. Built with
 * {@link #builder(String, int)}; unset, the password is none, the database 0, the timeout 2 s
 * and TLS off.
 *
 * @since 0.1.0
 */
public final class RedisSettings {
    private final String host;
    private final int port;
    private final String password;
    private final int database;
    private final Duration timeout;
    private final boolean ssl;

    private RedisSettings(Builder b) {
        this.host = requireNonNull(b.host, "host");
        if (b.port < 1 || b.port > 65535) {
            throw new IllegalArgumentException("port: " + b.port + " (expected: 1..65535)");
        }
        this.port = b.port;
        this.password = b.password;
        this.database = b.database;
        this.timeout = requireNonNull(b.timeout, "timeout");
        this.ssl = b.ssl;
    }

    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** Null when the server needs none. */
    public String password() {
        return password;
    }

    public int database() {
        return database;
    }

    /** For connecting and for each command. */
    public Duration timeout() {
        return timeout;
    }

    public boolean ssl() {
        return ssl;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RedisSettings r && host.equals(r.host) && port == r.port && Objects.equals(password, r.password)
                && database == r.database && timeout.equals(r.timeout) && ssl == r.ssl;
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, password, database, timeout, ssl);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "RedisSettings[host=" + host + ", port=" + port + ", password=" + (password == null ? "none" : "***")
                + ", database=" + database + ", timeout=" + timeout + ", ssl=" + ssl + "]";
    }

    /**
     * Builds {@link RedisSettings}.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private final String host;
        private final int port;
        private String password;
        private int database;
        private Duration timeout = Duration.ofSeconds(2);
        private boolean ssl;

        private Builder(String host, int port) {
            this.host = host;
            this.port = port;
        }

        /** Null for none. */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder database(int database) {
            this.database = database;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder ssl(boolean ssl) {
            this.ssl = ssl;
            return this;
        }

        public RedisSettings build() {
            return new RedisSettings(this);
        }
    }
}
