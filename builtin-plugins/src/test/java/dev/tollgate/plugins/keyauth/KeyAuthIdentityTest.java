package dev.tollgate.plugins.keyauth;

import static dev.tollgate.plugins.keyauth.KeyAuthPluginTest.ALICE;
import static dev.tollgate.plugins.keyauth.KeyAuthPluginTest.ANONYMOUS;
import static dev.tollgate.plugins.keyauth.KeyAuthPluginTest.NO_KEY;
import static dev.tollgate.plugins.keyauth.KeyAuthPluginTest.request;
import static dev.tollgate.plugins.keyauth.KeyAuthPluginTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.tollgate.commons.auth.FailingIdentityContext;
import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.CredentialInfo;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.testkit.FakePluginContext;
import org.junit.jupiter.api.Test;

/** Who the upstream and later plugins are told is calling. */
class KeyAuthIdentityTest {

    @Test
    void tellsTheUpstreamWhoIsCalling() {
        FakePluginContext ctx = run(Map.of(), request().header("apikey", "secret-1"));

        assertThat(ctx.upstreamHeaders())
                .containsEntry("x-consumer-id", List.of("c-alice"))
                .containsEntry("x-consumer-username", List.of("alice"))
                .containsEntry("x-consumer-custom-id", List.of("alice-crm-7"))
                .containsEntry("x-credential-identifier", List.of("cred-alice"))
                .containsEntry("apikey", List.of("secret-1"))
                .doesNotContainKey("x-anonymous-consumer");
    }

    @Test
    void dropsConsumerHeadersTheClientMadeUp() {
        var bob = ConsumerInfo.builder("c-bob").build();
        var bobKey = CredentialInfo.builder("cred-bob", "key-auth", "c-bob", "bob-key").build();
        var request = FakePluginContext.builder().credential(bob, bobKey).header("apikey", "bob-key")
                .header("X-Consumer-Username", "admin").header("X-Consumer-Custom-ID", "root")
                .header("X-Anonymous-Consumer", "true");

        FakePluginContext ctx = run(Map.of(), request);

        assertThat(ctx.upstreamHeaders()).containsEntry("x-consumer-id", List.of("c-bob"))
                .doesNotContainKeys("x-consumer-username", "x-consumer-custom-id", "x-anonymous-consumer");
    }

    @Test
    void letsCallersWithoutAValidKeyInAsTheAnonymousConsumer() {
        for (String anonymous : List.of("guest", "c-anon")) { // by username or by id
            for (var request : List.of(request(), request().header("apikey", "nope"))) {
                FakePluginContext ctx = run(Map.of("anonymous", anonymous),
                        request.header("X-Credential-Identifier", "forged"));

                assertThat(ctx.exitStatus()).isZero();
                assertThat(ctx.identity().consumer()).contains(ANONYMOUS);
                assertThat(ctx.identity().credential()).isEmpty();
                assertThat(ctx.upstreamHeaders())
                        .containsEntry("x-anonymous-consumer", List.of("true"))
                        .containsEntry("x-consumer-id", List.of("c-anon"))
                        .containsEntry("x-consumer-username", List.of("guest"))
                        .doesNotContainKeys("x-consumer-custom-id", "x-credential-identifier");
            }
        }
    }

    @Test
    void aValidKeyStillWinsOverAnonymous() {
        FakePluginContext ctx = run(Map.of("anonymous", "guest"), request().header("apikey", "secret-1"));

        assertThat(ctx.identity().consumer()).contains(ALICE);
        assertThat(ctx.upstreamHeaders()).doesNotContainKey("x-anonymous-consumer");
    }

    @Test
    void aMissingAnonymousConsumerIsAServerError() {
        FakePluginContext ctx = run(Map.of("anonymous", "nobody"), request());

        assertThat(ctx.exitStatus()).isEqualTo(500);
        assertThat(ctx.exitBody()).isEqualTo(Map.of("message", "An unexpected error occurred"));
        assertThat(ctx.responseHeaders()).doesNotContainKey("www-authenticate");
        assertThat(ctx.logLines()).anyMatch(l -> l.startsWith("ERROR") && l.contains("nobody"));
    }

    @Test
    void withAnonymousACredentialFromAnEarlierAuthPluginIsEnough() {
        var other = CredentialInfo.builder("cred-jwt", "jwt", "c-alice", "iss").build();
        FakePluginContext ctx = request().build();
        ctx.identity().authenticate(ALICE, other);

        KeyAuthPluginTest.plugin(Map.of("anonymous", "guest")).access(ctx.in(Phase.ACCESS));

        assertThat(ctx.exitStatus()).isZero();
        assertThat(ctx.identity().credential()).contains(other);
        assertThat(ctx.upstreamHeaders()).doesNotContainKeys("x-anonymous-consumer", "x-consumer-id");
    }

    @Test
    void withoutAnonymousEveryAuthPluginMustPass() {
        FakePluginContext ctx = request().build();
        ctx.identity().authenticate(ALICE, CredentialInfo.builder("cred-jwt", "jwt", "c-alice", "iss").build());

        KeyAuthPluginTest.plugin(Map.of()).access(ctx.in(Phase.ACCESS));

        assertThat(ctx.exitStatus()).isEqualTo(401);
        assertThat(ctx.exitBody()).isEqualTo(NO_KEY);
    }

    @Test
    void aFailingCredentialStoreIsAServerErrorNotAFallBackToAnonymous() {
        var ctx = new FailingIdentityContext(request().header("apikey", "secret-1").build());

        KeyAuthPluginTest.plugin(Map.of("anonymous", "guest")).access(ctx);

        assertThat(ctx.delegate().exitStatus()).isEqualTo(500);
        assertThat(ctx.delegate().exitBody()).isEqualTo(Map.of("message", "An unexpected error occurred"));
        assertThat(ctx.delegate().identity().consumer()).isEmpty();
        assertThat(ctx.delegate().logLines()).anyMatch(l -> l.startsWith("ERROR") && l.contains("store down"));
    }
}
