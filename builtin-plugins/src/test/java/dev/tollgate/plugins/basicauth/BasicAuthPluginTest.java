package dev.tollgate.plugins.basicauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.CredentialInfo;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.testkit.FakePluginContext;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BasicAuthPluginTest {
    static final ConsumerInfo ALICE = ConsumerInfo.builder("c-alice").username("alice").customId("alice-crm-7").build();
    static final CredentialInfo ALADDIN = CredentialInfo.builder("cred-aladdin", "basic-auth", "c-alice", "Aladdin").data(Map.of("password", PasswordHash.hash("Open:Sesame"))).build();
    static final ConsumerInfo ANONYMOUS = ConsumerInfo.builder("c-anon").username("guest").build();
    static final Map<String, String> UNAUTHORIZED = Map.of("message", "Unauthorized");
    static final Map<String, String> INVALID = Map.of("message", "Invalid authentication credentials");

    static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    static Plugin plugin(Map<String, ?> config) {
        return new BasicAuthPluginFactory().create(BasicAuthConfig.SCHEMA.validate(config));
    }

    static FakePluginContext.Builder request() {
        return FakePluginContext.builder().credential(ALICE, ALADDIN).consumer(ANONYMOUS);
    }

    static FakePluginContext run(Map<String, ?> config, FakePluginContext.Builder request) {
        FakePluginContext ctx = request.build();
        plugin(config).access(ctx.in(Phase.ACCESS));
        return ctx;
    }

    static void assertAuthenticatedAsAlice(FakePluginContext ctx) {
        assertThat(ctx.exitStatus()).isZero();
        assertThat(ctx.identity().consumer()).contains(ALICE);
        assertThat(ctx.identity().credential()).contains(ALADDIN);
    }

    static void assertRefused(FakePluginContext ctx, Map<String, String> body) {
        assertThat(ctx.exitStatus()).isEqualTo(401);
        assertThat(ctx.exitBody()).isEqualTo(body);
        assertThat(ctx.responseHeaders()).containsEntry("www-authenticate", List.of("Basic realm=\"service\""));
        assertThat(ctx.identity().consumer()).isEmpty();
    }

    @Nested
    class Authenticating {
        @Test
        void withTheAuthorizationHeader() {
            assertAuthenticatedAsAlice(run(Map.of(), request().header("Authorization", basic("Aladdin:Open:Sesame"))));
        }

        @Test
        void withALowerCaseSchemeAndSpaces() {
            assertAuthenticatedAsAlice(run(Map.of(), request().header("authorization", "  basic  "
                    + Base64.getEncoder().encodeToString("Aladdin:Open:Sesame".getBytes(StandardCharsets.UTF_8)))));
        }

        @Test
        void withTheProxyAuthorizationHeader() {
            assertAuthenticatedAsAlice(run(Map.of(), request().header("Proxy-Authorization", basic("Aladdin:Open:Sesame"))));
        }

        @Test
        void proxyAuthorizationFirstThenAuthorizationWhenItNamesNoCredential() {
            var upstreamBasic = request().header("Proxy-Authorization", basic("Aladdin:Open:Sesame"))
                    .header("Authorization", basic("upstream-user:x"));
            assertAuthenticatedAsAlice(run(Map.of(), upstreamBasic));

            var unknownProxyUser = request().header("Proxy-Authorization", basic("nobody:x"))
                    .header("Authorization", basic("Aladdin:Open:Sesame"));
            assertAuthenticatedAsAlice(run(Map.of(), unknownProxyUser));
        }

        @Test
        void aWrongPasswordInProxyAuthorizationIsNotRetriedWithAuthorization() {
            var request = request().header("Proxy-Authorization", basic("Aladdin:wrong"))
                    .header("Authorization", basic("Aladdin:Open:Sesame"));

            assertRefused(run(Map.of(), request), INVALID);
        }

        @Test
        void aSuccessfulCheckIsRememberedAcrossRequests() {
            FakePluginContext first = run(Map.of(), request().header("Authorization", basic("Aladdin:Open:Sesame")));
            var services = first.services();
            FakePluginContext second = request().services(services).header("Authorization", basic("Aladdin:Open:Sesame")).build();
            plugin(Map.of()).access(second.in(Phase.ACCESS));

            assertAuthenticatedAsAlice(second);
            assertRefused(run(Map.of(), request().services(services).header("Authorization", basic("Aladdin:Open:Sesam"))),
                    INVALID);
        }
    }

    @Nested
    class Refusing {
        @Test
        void withoutCredentials() {
            assertRefused(run(Map.of(), request()), UNAUTHORIZED);
        }

        @Test
        void aWrongPasswordOrUnknownUser() {
            assertRefused(run(Map.of(), request().header("Authorization", basic("Aladdin:open:sesame"))), INVALID);
            assertRefused(run(Map.of(), request().header("Authorization", basic("Aladdin:"))), INVALID);
            assertRefused(run(Map.of(), request().header("Authorization", basic("aladdin:Open:Sesame"))), INVALID);
        }

        @Test
        void headersThatAreNotBasicCredentials() {
            for (String header : List.of("Bearer abc.def.ghi", "Basic", "Basic not*base64", basic("no-colon"),
                    basic(":Open:Sesame"), "Basic " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, ':', 'x'}))) {
                assertRefused(run(Map.of(), request().header("Authorization", header)), INVALID);
            }
        }

        @Test
        void aCredentialOfAnotherKind() {
            var key = CredentialInfo.builder("cred-key", "key-auth", "c-alice", "Aladdin").build();
            var request = FakePluginContext.builder().credential(ALICE, key).header("Authorization", basic("Aladdin:x"));

            assertRefused(run(Map.of(), request), INVALID);
        }

        @Test
        void aCredentialWithAnUnreadablePassword() {
            var legacy = CredentialInfo.builder("cred-legacy", "basic-auth", "c-alice", "legacy").data(Map.of("password", "5f4dcc3b5aa7")).build();
            FakePluginContext ctx = run(Map.of(), request().credential(ALICE, legacy).header("Authorization", basic("legacy:x")));

            assertRefused(ctx, INVALID);
            assertThat(ctx.logLines()).anyMatch(l -> l.startsWith("WARNING") && l.contains("cred-legacy"));
        }

        @Test
        void aCredentialWhoseConsumerIsGone() {
            var orphan = CredentialInfo.builder("cred-orphan", "basic-auth", "c-deleted", "orphan").data(Map.of("password", PasswordHash.hash("pw"))).build();
            FakePluginContext ctx = run(Map.of(), request().credential(ALICE, orphan).header("Authorization", basic("orphan:pw")));

            assertRefused(ctx, INVALID);
            assertThat(ctx.logLines()).anyMatch(l -> l.startsWith("WARNING") && l.contains("c-deleted"));
        }

        @Test
        void withTheConfiguredRealm() {
            FakePluginContext ctx = run(Map.of("realm", "ai-gateway"), request());

            assertThat(ctx.responseHeaders()).containsEntry("www-authenticate", List.of("Basic realm=\"ai-gateway\""));
        }
    }

    @Nested
    class HidingCredentials {
        @Test
        void keepsTheHeaderByDefault() {
            FakePluginContext ctx = run(Map.of(), request().header("Authorization", basic("Aladdin:Open:Sesame")));

            assertThat(ctx.upstreamHeaders()).containsKey("authorization");
        }

        @Test
        void removesTheHeaderTheCredentialsCameIn() {
            FakePluginContext ctx = run(Map.of("hide_credentials", true),
                    request().header("Authorization", basic("Aladdin:Open:Sesame")));

            assertAuthenticatedAsAlice(ctx);
            assertThat(ctx.upstreamHeaders()).doesNotContainKey("authorization");
        }

        @Test
        void leavesAuthorizationForTheUpstreamWhenProxyAuthorizationAuthenticated() {
            FakePluginContext ctx = run(Map.of("hide_credentials", true), request()
                    .header("Proxy-Authorization", basic("Aladdin:Open:Sesame")).header("Authorization", "Bearer upstream"));

            assertAuthenticatedAsAlice(ctx);
            assertThat(ctx.upstreamHeaders()).doesNotContainKey("proxy-authorization")
                    .containsEntry("authorization", List.of("Bearer upstream"));
        }
    }

    @Nested
    class Identity {
        @Test
        void tellsTheUpstreamWhoIsCallingWithTheUsernameAsCredentialIdentifier() {
            FakePluginContext ctx = run(Map.of(), request().header("Authorization", basic("Aladdin:Open:Sesame"))
                    .header("X-Anonymous-Consumer", "true"));

            assertThat(ctx.upstreamHeaders())
                    .containsEntry("x-consumer-id", List.of("c-alice"))
                    .containsEntry("x-consumer-username", List.of("alice"))
                    .containsEntry("x-consumer-custom-id", List.of("alice-crm-7"))
                    .containsEntry("x-credential-identifier", List.of("Aladdin"))
                    .doesNotContainKey("x-anonymous-consumer");
        }

        @Test
        void letsCallersWithoutValidCredentialsInAsTheAnonymousConsumer() {
            for (var request : List.of(request(), request().header("Authorization", basic("Aladdin:wrong")))) {
                FakePluginContext ctx = run(Map.of("anonymous", "guest"), request.header("X-Credential-Identifier", "forged"));

                assertThat(ctx.exitStatus()).isZero();
                assertThat(ctx.identity().consumer()).contains(ANONYMOUS);
                assertThat(ctx.identity().credential()).isEmpty();
                assertThat(ctx.upstreamHeaders())
                        .containsEntry("x-anonymous-consumer", List.of("true"))
                        .containsEntry("x-consumer-id", List.of("c-anon"))
                        .doesNotContainKeys("x-consumer-custom-id", "x-credential-identifier");
            }
        }

        @Test
        void withAnonymousACredentialFromAnEarlierAuthPluginIsEnough() {
            var other = CredentialInfo.builder("cred-jwt", "jwt", "c-alice", "iss").build();
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
    }
}
