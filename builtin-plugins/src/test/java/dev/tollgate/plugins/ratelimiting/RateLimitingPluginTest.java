package dev.tollgate.plugins.ratelimiting;

import dev.tollgate.commons.limits.Window;

import dev.tollgate.commons.support.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.testkit.FakeHostServices;
import dev.tollgate.sdk.testkit.FakePluginContext;

/** What a client sees of rate-limiting: passes, refusals, headers and windows. limit_by and outages are in their own tests. */
class RateLimitingPluginTest {
    // 15 s into a minute, so a minute window resets in 45 s and an hour window in 3585 s.
    private final MutableClock clock = MutableClock.at("2026-03-02T12:00:15Z");
    private final FakeHostServices services = new FakeHostServices(clock);

    static Plugin plugin(Map<String, Object> config) {
        var factory = new RateLimitingPluginFactory();
        return factory.create(factory.configSchema().validate(config));
    }

    static FakePluginContext send(Plugin plugin, FakeHostServices services, UnaryOperator<FakePluginContext.Builder> request) {
        FakePluginContext ctx = request.apply(FakePluginContext.builder().services(services)).build();
        plugin.access(ctx.in(Phase.ACCESS));
        return ctx;
    }

    private FakePluginContext send(Plugin plugin) {
        return send(plugin, services, b -> b);
    }

    static String header(FakePluginContext ctx, String name) {
        return ctx.response().header(name).orElse(null);
    }

    @Test
    void fivePerMinuteLetsFiveThroughThenRefusesTheSixth() {
        Plugin plugin = plugin(Map.of("minute", 5));

        for (int remaining = 4; remaining >= 0; remaining--) {
            FakePluginContext ctx = send(plugin);
            assertThat(ctx.exitStatus()).isZero();
            assertThat(header(ctx, "X-RateLimit-Limit-Minute")).isEqualTo("5");
            assertThat(header(ctx, "X-RateLimit-Remaining-Minute")).isEqualTo(String.valueOf(remaining));
            assertThat(header(ctx, "RateLimit-Limit")).isEqualTo("5");
            assertThat(header(ctx, "RateLimit-Remaining")).isEqualTo(String.valueOf(remaining));
            assertThat(header(ctx, "RateLimit-Reset")).isEqualTo("45");
        }

        FakePluginContext sixth = send(plugin);
        assertThat(sixth.exitStatus()).isEqualTo(429);
        assertThat(sixth.exitBody()).isEqualTo(Map.of("message", "API rate limit exceeded"));
        assertThat(header(sixth, "Retry-After")).isEqualTo("45");
        assertThat(header(sixth, "X-RateLimit-Remaining-Minute")).isEqualTo("0");
        assertThat(header(sixth, "RateLimit-Remaining")).isEqualTo("0");
        assertThat(header(sixth, "RateLimit-Reset")).isEqualTo("45");
    }

    @Test
    void theNextWindowStartsAfresh() {
        Plugin plugin = plugin(Map.of("minute", 2));
        send(plugin);
        send(plugin);
        assertThat(send(plugin).exitStatus()).isEqualTo(429);

        clock.advance(Duration.ofSeconds(44));
        assertThat(send(plugin).exitStatus()).as("still 12:00:59").isEqualTo(429);

        clock.advance(Duration.ofSeconds(1));
        FakePluginContext ctx = send(plugin);
        assertThat(ctx.exitStatus()).isZero();
        assertThat(header(ctx, "X-RateLimit-Remaining-Minute")).isEqualTo("1");
        assertThat(header(ctx, "RateLimit-Reset")).isEqualTo("60");
    }

    @Test
    void refusedRequestsAreNotCounted() {
        Plugin plugin = plugin(Map.of("second", 1, "minute", 10));
        send(plugin);
        for (int i = 0; i < 5; i++) {
            assertThat(send(plugin).exitStatus()).isEqualTo(429);
        }
        clock.advance(Duration.ofSeconds(1));
        assertThat(header(send(plugin), "X-RateLimit-Remaining-Minute")).isEqualTo("8");
    }

    @Test
    void retryAfterIsAtLeastOneSecond() {
        clock.advance(Duration.ofMillis(44_700)); // 12:00:59.700
        Plugin plugin = plugin(Map.of("minute", 1));
        assertThat(header(send(plugin), "RateLimit-Reset")).isEqualTo("1");
        assertThat(header(send(plugin), "Retry-After")).isEqualTo("1");
    }

    @Test
    void severalWindowsAreCountedTogetherAndTheTightestIsReported() {
        Plugin plugin = plugin(Map.of("second", 2, "minute", 3));

        FakePluginContext first = send(plugin);
        assertThat(first.responseHeaders()).containsEntry("x-ratelimit-limit-second", java.util.List.of("2"))
                .containsEntry("x-ratelimit-remaining-second", java.util.List.of("1"))
                .containsEntry("x-ratelimit-limit-minute", java.util.List.of("3"))
                .containsEntry("x-ratelimit-remaining-minute", java.util.List.of("2"))
                .doesNotContainKey("x-ratelimit-limit-hour");
        assertThat(header(first, "RateLimit-Limit")).isEqualTo("2");
        assertThat(header(first, "RateLimit-Remaining")).isEqualTo("1");
        assertThat(header(first, "RateLimit-Reset")).isEqualTo("1");

        send(plugin);
        FakePluginContext third = send(plugin);
        assertThat(third.exitStatus()).as("over the second limit").isEqualTo(429);
        assertThat(header(third, "Retry-After")).isEqualTo("1");
        assertThat(header(third, "X-RateLimit-Remaining-Minute")).as("not counted").isEqualTo("1");

        clock.advance(Duration.ofSeconds(1));
        FakePluginContext fourth = send(plugin);
        assertThat(fourth.exitStatus()).isZero();
        assertThat(header(fourth, "X-RateLimit-Remaining-Second")).isEqualTo("1");
        assertThat(header(fourth, "RateLimit-Limit")).as("the minute is now tighter").isEqualTo("3");
        assertThat(header(fourth, "RateLimit-Remaining")).isEqualTo("0");
        assertThat(header(fourth, "RateLimit-Reset")).isEqualTo("44");

        clock.advance(Duration.ofSeconds(1));
        FakePluginContext fifth = send(plugin);
        assertThat(fifth.exitStatus()).as("over the minute limit").isEqualTo(429);
        assertThat(header(fifth, "Retry-After")).isEqualTo("43");
        assertThat(header(fifth, "X-RateLimit-Remaining-Second")).isEqualTo("2");
    }

    @Test
    void onATieTheLongerWindowIsReported() {
        FakePluginContext ctx = send(plugin(Map.of("second", 5, "minute", 5)));
        assertThat(header(ctx, "RateLimit-Remaining")).isEqualTo("4");
        assertThat(header(ctx, "RateLimit-Reset")).isEqualTo("45");
    }

    @Test
    void retryAfterWaitsForEveryExceededWindow() {
        Plugin plugin = plugin(Map.of("minute", 1, "hour", 1));
        send(plugin);
        FakePluginContext refused = send(plugin);
        assertThat(refused.exitStatus()).isEqualTo(429);
        assertThat(header(refused, "Retry-After")).isEqualTo("3585");
    }

    @Test
    void aLimitOfZeroRefusesEveryRequest() {
        FakePluginContext ctx = send(plugin(Map.of("hour", 0)));
        assertThat(ctx.exitStatus()).isEqualTo(429);
        assertThat(header(ctx, "X-RateLimit-Limit-Hour")).isEqualTo("0");
    }

    @Test
    void errorCodeAndMessageAreConfigurable() {
        Plugin plugin = plugin(Map.of("day", 1, "error_code", 503, "error_message", "Slow down"));
        send(plugin);
        FakePluginContext refused = send(plugin);
        assertThat(refused.exitStatus()).isEqualTo(503);
        assertThat(refused.exitBody()).isEqualTo(Map.of("message", "Slow down"));
        assertThat(header(refused, "Retry-After")).isEqualTo("43185");
    }

    @Test
    void hiddenHeadersAreLeftOutOfPassesAndRefusals() {
        Plugin plugin = plugin(Map.of("minute", 1, "hide_client_headers", true));
        FakePluginContext passed = send(plugin);
        assertThat(passed.exitStatus()).isZero();
        assertThat(passed.responseHeaders()).isEmpty();

        FakePluginContext refused = send(plugin);
        assertThat(refused.exitStatus()).isEqualTo(429);
        assertThat(refused.exitBody()).isEqualTo(Map.of("message", "API rate limit exceeded"));
        assertThat(refused.responseHeaders()).as("Retry-After too, as Kong").isEmpty();
    }

    @Test
    void monthAndYearAreFixedLengthWindows() {
        FakePluginContext ctx = send(plugin(Map.of("month", 10, "year", 100)));
        long now = clock.millis();
        long monthMillis = Duration.ofDays(30).toMillis();
        long yearMillis = Duration.ofDays(365).toMillis();
        assertThat(header(ctx, "X-RateLimit-Limit-Month")).isEqualTo("10");
        assertThat(header(ctx, "X-RateLimit-Remaining-Year")).isEqualTo("99");
        assertThat(header(ctx, "RateLimit-Reset")).as("month is tighter")
                .isEqualTo(String.valueOf((monthMillis - now % monthMillis) / 1000));
        assertThat(Window.YEAR.secondsUntilReset(now)).isEqualTo((yearMillis - now % yearMillis) / 1000);
    }

    @Test
    void printsItsLimits() {
        assertThat(plugin(Map.of("minute", 5, "hour", 100, "limit_by", "ip")))
                .hasToString("rate-limiting{minute=5, hour=100, limit_by=ip, policy=local}");
    }
}
