package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tollgate.db.DatabaseSettings;
import dev.tollgate.db.TestDatabases;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;

/** rate-limiting with policy=redis: one limit shared by two gateway processes on one PostgreSQL and one Redis. */
class RedisRateLimitTest {
    private static final String REDIS_URL = System.getenv().getOrDefault("TOLLGATE_TEST_REDIS_URL", "redis://127.0.0.1:6379");
    private static final Pattern PROXY_LINE = Pattern.compile("proxy\\s+http://[^:]+:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void twoProcessesShareOneLimit() throws Exception {
        URI redis = URI.create(REDIS_URL);
        requireRedis(redis);
        DatabaseSettings pg = TestDatabases.postgres().settings();
        var config = TestGateway.config("h2", dir.resolve("a"), "--cluster.poll-interval=200ms").withDatabase(pg);
        try (TestGateway a = TestGateway.start(config)) {
            expect(201, a.postForm(a.admin("/services"), "name=limited", "url=" + a.mock.baseUrl() + "/echo/x"));
            expect(201, a.postForm(a.admin("/services/limited/routes"), "paths[]=/limited"));
            // An hour window: a minute boundary cannot fall between the requests and reset the count.
            expect(201, a.postForm(a.admin("/services/limited/plugins"), "name=rate-limiting", "config.hour=6",
                    "config.limit_by=service", "config.policy=redis", "config.redis.host=" + redis.getHost(),
                    "config.redis.port=" + redis.getPort(), "config.fault_tolerant=false"));

            Process b = startSecondNode(pg);
            try {
                int bPort = proxyPort(b);
                String viaB = "http://127.0.0.1:" + bPort + "/limited";
                waitFor(() -> status(a, viaB) == 200);
                // That probe counted once; five more pass, alternating nodes, then both refuse.
                List<String> remaining = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    HttpResponse<String> res = a.send(HttpRequest.newBuilder(URI.create(i % 2 == 0 ? a.proxy("/limited") : viaB))
                            .GET().build());
                    assertThat(res.statusCode()).isEqualTo(200);
                    remaining.add(res.headers().firstValue("X-RateLimit-Remaining-Hour").orElse("?"));
                }
                assertThat(remaining).containsExactly("4", "3", "2", "1", "0");
                assertThat(status(a, a.proxy("/limited"))).isEqualTo(429);
                assertThat(status(a, viaB)).isEqualTo(429);
            } finally {
                b.destroy();
                b.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private Process startSecondNode(DatabaseSettings pg) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "dev.tollgate.host.TollgateMain",
                "--proxy.host=127.0.0.1", "--proxy.port=0", "--admin.port=0", "--status.port=0", "--ui.port=0",
                "--data-dir=" + dir.resolve("b"), "--plugins-dir=" + dir.resolve("b-plugins"),
                "--cluster.poll-interval=200ms",
                "--database.type=postgres", "--database.url=" + pg.url(), "--database.user=" + pg.user()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** Reads the child's banner for its proxy port; keeps draining its output afterwards. */
    private static int proxyPort(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = new CompletableFuture<>();
        StringBuilder seen = new StringBuilder();
        Thread.ofVirtual().start(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    synchronized (seen) {
                        seen.append(line).append('\n');
                    }
                    Matcher m = PROXY_LINE.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
                port.completeExceptionally(new IllegalStateException("second node exited:\n" + seen));
            } catch (Exception e) {
                port.completeExceptionally(e);
            }
        });
        return port.get(60, TimeUnit.SECONDS);
    }

    private static int status(TestGateway t, String url) {
        return t.send(HttpRequest.newBuilder(URI.create(url)).GET().build()).statusCode();
    }

    /** Skips the test when Redis is down, except under CI=true where it fails. */
    static void requireRedis(URI redis) {
        try (RedisClient jedis = RedisClient.builder().hostAndPort(redis.getHost(), redis.getPort()).build()) {
            jedis.ping();
        } catch (RuntimeException e) {
            String message = "Redis at " + redis + " is unreachable: " + e.getMessage();
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(message + " (CI=true: Redis tests must run)", e);
            }
            System.err.println("!!! SKIPPING Redis test: " + message);
            Assumptions.abort(message);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(100);
        }
    }
}
