package dev.tollgate.plugins.jwt;

import static dev.tollgate.plugins.jwt.JwtPluginTest.ALICE;
import static dev.tollgate.plugins.jwt.JwtPluginTest.ANONYMOUS;
import static dev.tollgate.plugins.jwt.JwtPluginTest.SECRET;
import static dev.tollgate.plugins.jwt.JwtPluginTest.TOKEN;
import static dev.tollgate.plugins.jwt.JwtPluginTest.bearer;
import static dev.tollgate.plugins.jwt.JwtPluginTest.plugin;
import static dev.tollgate.plugins.jwt.JwtPluginTest.request;
import static dev.tollgate.plugins.jwt.JwtPluginTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.tollgate.commons.auth.FailingIdentityContext;
import dev.tollgate.sdk.CredentialInfo;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.testkit.FakePluginContext;
import org.junit.jupiter.api.Test;

/** Who the upstream and later plugins are told is calling. */
class JwtIdentityTest {

    @Test
    void tellsTheUpstreamWhoIsCallingWithTheKeyAsCredentialIdentifier() {
        FakePluginContext ctx = run(Map.of(), bearer(TOKEN).header("X-Anonymous-Consumer", "true"));

        assertThat(ctx.upstreamHeaders())
                .containsEntry("x-consumer-id", List.of("c-alice"))
                .containsEntry("x-consumer-username", List.of("alice"))
                .containsEntry("x-consumer-custom-id", List.of("alice-crm-7"))
                .containsEntry("x-credential-identifier", List.of("alice-key"))
                .containsEntry("authorization", List.of("Bearer " + TOKEN))
                .doesNotContainKey("x-anonymous-consumer");
        assertThat(ctx.get(JwtPluginFactory.AUTHENTICATED_TOKEN)).contains(TOKEN);
    }

    @Test
    void letsCallersWithoutAValidTokenInAsTheAnonymousConsumer() {
        for (var request : List.of(request(), bearer("garbage"), bearer(JwtPluginTest.TOKEN + "x"))) {
            FakePluginContext ctx = run(Map.of("anonymous", "guest"), request.header("X-Credential-Identifier", "forged"));

            assertThat(ctx.exitStatus()).isZero();
            assertThat(ctx.identity().consumer()).contains(ANONYMOUS);
            assertThat(ctx.identity().credential()).isEmpty();
            assertThat(ctx.upstreamHeaders())
                    .containsEntry("x-anonymous-consumer", List.of("true"))
                    .containsEntry("x-consumer-id", List.of("c-anon"))
                    .doesNotContainKeys("x-consumer-custom-id", "x-credential-identifier");
            assertThat(ctx.get(JwtPluginFactory.AUTHENTICATED_TOKEN)).isEmpty();
        }
    }

    @Test
    void withAnonymousACredentialFromAnEarlierAuthPluginIsEnough() {
        var other = CredentialInfo.builder("cred-key", "key-auth", "c-alice", "k").build();
        FakePluginContext ctx = request().build();
        ctx.identity().authenticate(ALICE, other);

        plugin(Map.of("anonymous", "guest")).access(ctx.in(Phase.ACCESS));

        assertThat(ctx.exitStatus()).isZero();
        assertThat(ctx.identity().credential()).contains(other);
    }

    @Test
    void aMissingAnonymousConsumerIsAServerError() {
        FakePluginContext ctx = run(Map.of("anonymous", "nobody"), request());

        assertThat(ctx.exitStatus()).isEqualTo(500);
        assertThat(ctx.exitBody()).isEqualTo(Map.of("message", "An unexpected error occurred"));
        assertThat(ctx.logLines()).anyMatch(l -> l.startsWith("ERROR") && l.contains("nobody"));
    }

    @Test
    void aCredentialWhoseConsumerIsGone() {
        var orphan = CredentialInfo.builder("cred-orphan", "jwt", "c-deleted", "orphan-key").data(Map.of("secret", SECRET)).build();
        String token = Tokens.hs256("{\"iss\":\"orphan-key\"}", SECRET);
        FakePluginContext ctx = run(Map.of(), request().credential(ALICE, orphan).header("Authorization", "Bearer " + token));

        assertThat(ctx.exitStatus()).isEqualTo(401);
        assertThat(ctx.exitBody()).isEqualTo(Map.of("message", "Could not find consumer for 'iss=orphan-key'"));
        assertThat(ctx.responseHeaders()).doesNotContainKey("www-authenticate");
        assertThat(ctx.logLines()).anyMatch(l -> l.startsWith("WARNING") && l.contains("c-deleted"));
    }

    @Test
    void aFailingCredentialStoreIsAServerErrorNotAFallBackToAnonymous() {
        var ctx = new FailingIdentityContext(bearer(TOKEN).build());

        plugin(Map.of("anonymous", "guest")).access(ctx);

        assertThat(ctx.delegate().exitStatus()).isEqualTo(500);
        assertThat(ctx.delegate().identity().consumer()).isEmpty();
        assertThat(ctx.delegate().logLines()).anyMatch(l -> l.startsWith("ERROR") && l.contains("store down"));
    }
}
