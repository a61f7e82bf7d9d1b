package dev.tollgate.host.it;

import java.net.URI;

import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.RedisClient;

/** The Redis server tests use: {@code TOLLGATE_TEST_REDIS_URL}, else the local default. */
public final class TestRedis {
    public static final URI URL = URI.create(System.getenv().getOrDefault("TOLLGATE_TEST_REDIS_URL", "redis://127.0.0.1:6379"));

    private TestRedis() {
    }

    /** Returns the server's address; skips the test when it is down, except under CI=true, where it fails. */
    public static URI require() {
        try (RedisClient jedis = RedisClient.builder().hostAndPort(URL.getHost(), URL.getPort()).build()) {
            jedis.ping();
        } catch (RuntimeException e) {
            String message = "Redis at " + URL + " is unreachable: " + e.getMessage();
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(message + " (CI=true: Redis tests must run)", e);
            }
            System.err.println("!!! SKIPPING Redis test: " + message);
            Assumptions.abort(message);
        }
        return URL;
    }
}
