package dev.tollgate.plugins.ratelimiting;

import dev.tollgate.commons.limits.CounterStore;

import dev.tollgate.commons.support.MutableClock;
import static dev.tollgate.plugins.ratelimiting.RateLimitingPluginTest.header;
import static dev.tollgate.plugins.ratelimiting.RateLimitingPluginTest.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tollgate.sdk.Counters;
import dev.tollgate.sdk.HostServices;
import dev.tollgate.sdk.KeyValueCache;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.RedisSettings;
import dev.tollgate.sdk.testkit.FakeHostServices;
import dev.tollgate.sdk.testkit.FakePluginContext;

/** Which counter store is used, and what clients get when it cannot be reached. */
class RateLimitingCountersTest {
    private final FakeHostServices fake = new FakeHostServices(MutableClock.at("2026-03-02T12:00:15Z"));
    private final RecordingHostServices services = new RecordingHostServices(fake);

    private FakePluginContext send(Plugin plugin) {
        FakePluginContext ctx = FakePluginContext.builder().services(services).build();
        plugin.access(ctx.in(Phase.ACCESS));
        return ctx;
    }

    @Test
    void faultTolerantLetsRequestsThroughWithoutHeadersAndWarns() {
        Plugin plugin = plugin(Map.of("minute", 1));
        fake.counters().setDown(true);

        for (int i = 0; i < 3; i++) {
            FakePluginContext ctx = send(plugin);
            assertThat(ctx.exitStatus()).isZero();
            assertThat(ctx.responseHeaders()).isEmpty();
            assertThat(ctx.logLines()).singleElement().asString()
                    .startsWith("WARNING " + CounterStore.UNAVAILABLE_LET_THROUGH);
        }

        fake.counters().setDown(false);
        assertThat(header(send(plugin), "X-RateLimit-Remaining-Minute")).as("counting resumes").isEqualTo("0");
        assertThat(send(plugin).exitStatus()).isEqualTo(429);
    }

    @Test
    void withoutFaultToleranceAnOutageIsA500() {
        Plugin plugin = plugin(Map.of("minute", 1, "fault_tolerant", false));
        fake.counters().setDown(true);

        FakePluginContext ctx = send(plugin);
        assertThat(ctx.exitStatus()).isEqualTo(500);
        assertThat(ctx.exitBody()).isEqualTo(Map.of("message", "An unexpected error occurred"));
        assertThat(ctx.responseHeaders()).isEmpty();
        assertThat(ctx.logLines()).singleElement().asString().startsWith("ERROR ");
    }

    @Test
    void localPolicyUsesTheNodesCounters() {
        send(plugin(Map.of("minute", 1)));
        assertThat(services.redisAsked).isEmpty();
        assertThat(services.localAsked).isEqualTo(1);
    }

    @Test
    void redisPolicyAsksForRedisCountersWithTheConfiguredServer() {
        Plugin plugin = plugin(Map.of("minute", 1, "policy", "redis", "redis", Map.of(
                "host", "redis.internal", "port", 6380, "password", "s3cret", "database", 2,
                "timeout", 500, "ssl", true)));
        assertThat(send(plugin).exitStatus()).isZero();
        assertThat(send(plugin).exitStatus()).isEqualTo(429);
        assertThat(services.localAsked).isZero();
        assertThat(services.redisAsked).containsOnly(
                RedisSettings.builder("redis.internal", 6380).password("s3cret").database(2).timeout(Duration.ofMillis(500)).ssl(true).build());
    }

    @Test
    void redisDefaultsApplyToUnsetFields() {
        send(plugin(Map.of("minute", 1, "policy", "redis", "redis", Map.of("host", "redis"))));
        assertThat(services.redisAsked).containsExactly(
                RedisSettings.builder("redis", 6379).database(0).timeout(Duration.ofMillis(2000)).ssl(false).build());
    }

    /** The fake's services, noting which counter store the plugin asked for. */
    private static final class RecordingHostServices implements HostServices {
        private final FakeHostServices delegate;
        final List<RedisSettings> redisAsked = new ArrayList<>();
        int localAsked;

        RecordingHostServices(FakeHostServices delegate) {
            this.delegate = delegate;
        }

        @Override
        public Counters localCounters() {
            localAsked++;
            return delegate.localCounters();
        }

        @Override
        public Counters redisCounters(RedisSettings settings) {
            redisAsked.add(settings);
            return delegate.redisCounters(settings);
        }

        @Override
        public KeyValueCache cache() {
            return delegate.cache();
        }

        @Override
        public Clock clock() {
            return delegate.clock();
        }
    }
}
