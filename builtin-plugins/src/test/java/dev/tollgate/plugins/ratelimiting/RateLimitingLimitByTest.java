package dev.tollgate.plugins.ratelimiting;

import static dev.tollgate.plugins.ratelimiting.RateLimitingPluginTest.header;
import static dev.tollgate.plugins.ratelimiting.RateLimitingPluginTest.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.tollgate.commons.support.MutableClock;
import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.CredentialInfo;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.RouteInfo;
import dev.tollgate.sdk.testkit.FakeHostServices;
import dev.tollgate.sdk.testkit.FakePluginContext;
import org.junit.jupiter.api.Test;

/** Whose counter a request goes to, for each limit_by: one request allowed per minute, so a second one shows sharing. */
class RateLimitingLimitByTest {
    private static final ConsumerInfo ALICE = ConsumerInfo.builder("c-alice").username("alice").build();
    private static final ConsumerInfo BOB = ConsumerInfo.builder("c-bob").username("bob").build();
    private static final CredentialInfo ALICE_KEY_1 = CredentialInfo.builder("k-1", "key-auth", "c-alice", "key1").build();
    private static final CredentialInfo ALICE_KEY_2 = CredentialInfo.builder("k-2", "key-auth", "c-alice", "key2").build();
    private static final CredentialInfo BOB_KEY = CredentialInfo.builder("k-3", "key-auth", "c-bob", "key3").build();

    private final FakeHostServices services = new FakeHostServices(MutableClock.at("2026-03-02T12:00:15Z"));

    private static Plugin limitBy(String limitBy, Map<String, Object> more) {
        var config = new java.util.HashMap<String, Object>(more);
        config.put("minute", 1);
        config.put("limit_by", limitBy);
        return plugin(config);
    }

    private int send(Plugin plugin, CredentialInfo credential, String ip) {
        return send(plugin, b -> b.clientIp(ip), credential);
    }

    private int send(Plugin plugin, UnaryOperator<FakePluginContext.Builder> request, CredentialInfo credential) {
        FakePluginContext ctx = request.apply(FakePluginContext.builder().services(services)).build();
        if (credential != null) {
            ctx.identity().authenticate(credential.consumerId().equals(ALICE.id()) ? ALICE : BOB, credential);
        }
        plugin.access(ctx.in(Phase.ACCESS));
        return ctx.exitStatus();
    }

    // An authentication plugin's anonymous consumer: a consumer without a credential.
    private int sendAs(Plugin plugin, ConsumerInfo consumer, String ip) {
        FakePluginContext ctx = FakePluginContext.builder().services(services).clientIp(ip).build();
        ctx.identity().authenticate(consumer, null);
        plugin.access(ctx.in(Phase.ACCESS));
        return ctx.exitStatus();
    }

    @Test
    void consumerCountsEachConsumerAcrossCredentialsAndIps() {
        Plugin plugin = limitBy("consumer", Map.of());
        assertThat(send(plugin, ALICE_KEY_1, "10.0.0.1")).isZero();
        assertThat(send(plugin, BOB_KEY, "10.0.0.1")).as("another consumer, same IP").isZero();
        assertThat(send(plugin, ALICE_KEY_2, "10.0.0.2")).as("alice again").isEqualTo(429);
    }

    @Test
    void consumerFallsBackToTheClientIpForAnonymousRequests() {
        Plugin plugin = limitBy("consumer", Map.of());
        assertThat(send(plugin, null, "10.0.0.1")).isZero();
        assertThat(send(plugin, ALICE_KEY_1, "10.0.0.1")).as("an authenticated consumer is counted apart").isZero();
        assertThat(send(plugin, null, "10.0.0.2")).isZero();
        assertThat(send(plugin, null, "10.0.0.1")).isEqualTo(429);
    }

    @Test
    void anAnonymousConsumerIsCountedAsThatConsumer() {
        Plugin plugin = limitBy("consumer", Map.of());
        assertThat(sendAs(plugin, BOB, "10.0.0.1")).isZero();
        assertThat(sendAs(plugin, BOB, "10.0.0.9")).isEqualTo(429);
    }

    @Test
    void credentialCountsEachCredentialAndFallsBackToTheIp() {
        Plugin plugin = limitBy("credential", Map.of());
        assertThat(send(plugin, ALICE_KEY_1, "10.0.0.1")).isZero();
        assertThat(send(plugin, ALICE_KEY_2, "10.0.0.1")).as("same consumer, other key").isZero();
        assertThat(send(plugin, null, "10.0.0.1")).as("anonymous: by IP").isZero();
        assertThat(send(plugin, ALICE_KEY_1, "10.0.0.2")).isEqualTo(429);
        assertThat(send(plugin, null, "10.0.0.1")).isEqualTo(429);
    }

    @Test
    void ipCountsEachAddressWhoeverCalls() {
        Plugin plugin = limitBy("ip", Map.of());
        assertThat(send(plugin, ALICE_KEY_1, "10.0.0.1")).isZero();
        assertThat(send(plugin, BOB_KEY, "10.0.0.2")).isZero();
        assertThat(send(plugin, BOB_KEY, "10.0.0.1")).as("same IP as alice").isEqualTo(429);
    }

    @Test
    void serviceCountsEveryClientOfAServiceTogether() {
        Plugin plugin = limitBy("service", Map.of());
        RouteInfo other = RouteInfo.builder("route-2", "service-2").build();
        assertThat(send(plugin, b -> b.clientIp("10.0.0.1"), null)).isZero();
        assertThat(send(plugin, b -> b.clientIp("10.0.0.2").route(other), null)).as("another service").isZero();
        assertThat(send(plugin, b -> b.clientIp("10.0.0.3"), ALICE_KEY_1)).isEqualTo(429);
    }

    @Test
    void headerCountsEachValueAndFallsBackToTheIp() {
        Plugin plugin = limitBy("header", Map.of("header_name", "X-Tenant"));
        assertThat(send(plugin, b -> b.header("x-tenant", "acme").clientIp("10.0.0.1"), null)).isZero();
        assertThat(send(plugin, b -> b.header("X-Tenant", "globex").clientIp("10.0.0.1"), null)).isZero();
        assertThat(send(plugin, b -> b.clientIp("10.0.0.1"), null)).as("no header: by IP").isZero();
        assertThat(send(plugin, b -> b.header("X-Tenant", "acme").clientIp("10.0.0.2"), null)).isEqualTo(429);
        assertThat(send(plugin, b -> b.clientIp("10.0.0.1"), null)).isEqualTo(429);
    }

    @Test
    void headerValueThatLooksLikeAnIpDoesNotShareThatIpsCounter() {
        Plugin plugin = limitBy("header", Map.of("header_name", "X-Tenant"));
        assertThat(send(plugin, b -> b.clientIp("10.0.0.1"), null)).isZero();
        assertThat(send(plugin, b -> b.header("X-Tenant", "10.0.0.1").clientIp("10.0.0.2"), null)).isZero();
    }

    @Test
    void pathLimitsOnlyThatPathForEveryClientTogether() {
        Plugin plugin = limitBy("path", Map.of("path", "/v1/chat/completions"));
        assertThat(send(plugin, b -> b.path("/v1/chat/completions").clientIp("10.0.0.1"), null)).isZero();
        assertThat(send(plugin, b -> b.path("/v1/chat/completions").clientIp("10.0.0.2"), null)).isEqualTo(429);

        FakePluginContext other = RateLimitingPluginTest.send(plugin, services, b -> b.path("/v1/models"));
        FakePluginContext again = RateLimitingPluginTest.send(plugin, services, b -> b.path("/v1/models"));
        assertThat(again.exitStatus()).as("other paths are not limited").isZero();
        assertThat(header(other, "X-RateLimit-Limit-Minute")).as("nor given headers").isNull();
    }
}
