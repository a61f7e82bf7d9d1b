package dev.tollgate.plugins.jwt;

import static dev.tollgate.plugins.jwt.Tokens.b64;
import static dev.tollgate.plugins.jwt.Tokens.hs256;
import static dev.tollgate.plugins.jwt.Tokens.unsigned;
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

class JwtPluginTest {
    static final ConsumerInfo ALICE = ConsumerInfo.builder("c-alice").username("alice").customId("alice-crm-7").build();
    static final String SECRET = "alice-secret-0123456789";
    static final CredentialInfo ALICE_JWT = CredentialInfo.builder("cred-alice", "jwt", "c-alice", "alice-key").data(Map.of("algorithm", "HS256", "secret", SECRET)).build();
    static final ConsumerInfo ANONYMOUS = ConsumerInfo.builder("c-anon").username("guest").build();
    static final String TOKEN = hs256("{\"iss\":\"alice-key\",\"sub\":\"1\"}", SECRET);
    static final String INVALID_TOKEN = "Bearer error=\"invalid_token\"";

    static Plugin plugin(Map<String, ?> config) {
        return new JwtPluginFactory().create(JwtConfig.SCHEMA.validate(config));
    }

    static FakePluginContext.Builder request() {
        return FakePluginContext.builder().credential(ALICE, ALICE_JWT).consumer(ANONYMOUS);
    }

    static FakePluginContext.Builder bearer(String token) {
        return request().header("Authorization", "Bearer " + token);
    }

    static FakePluginContext run(Map<String, ?> config, FakePluginContext.Builder request) {
        FakePluginContext ctx = request.build();
        plugin(config).access(ctx.in(Phase.ACCESS));
        return ctx;
    }

    static void assertAuthenticatedAsAlice(FakePluginContext ctx) {
        assertThat(ctx.exitStatus()).isZero();
        assertThat(ctx.identity().consumer()).contains(ALICE);
        assertThat(ctx.identity().credential()).contains(ALICE_JWT);
    }

    static void assertRefused(FakePluginContext ctx, String message) {
        assertRefused(ctx, Map.of("message", message), INVALID_TOKEN);
    }

    static void assertRefused(FakePluginContext ctx, Map<String, String> body, String challenge) {
        assertThat(ctx.exitStatus()).isEqualTo(401);
        assertThat(ctx.exitBody()).isEqualTo(body);
        assertThat(ctx.responseHeaders()).containsEntry("www-authenticate", List.of(challenge));
        assertThat(ctx.identity().consumer()).isEmpty();
    }

    @Nested
    class FindingTheToken {
        @Test
        void inTheAuthorizationHeaderAsABearerToken() {
            assertAuthenticatedAsAlice(run(Map.of(), bearer(TOKEN)));
            assertAuthenticatedAsAlice(run(Map.of(), request().header("authorization", "  bearer   " + TOKEN + " ")));
        }

        @Test
        void inTheJwtQueryParameter() {
            assertAuthenticatedAsAlice(run(Map.of(), request().rawQuery("model=gpt&jwt=" + TOKEN)));
        }

        @Test
        void inConfiguredCookiesHeadersAndParameters() {
            assertAuthenticatedAsAlice(run(Map.of("cookie_names", List.of("session")),
                    request().header("Cookie", "theme=dark; session=" + TOKEN)));
            assertAuthenticatedAsAlice(run(Map.of("header_names", List.of("x-token")), request().header("X-Token", "Bearer " + TOKEN)));
            assertAuthenticatedAsAlice(run(Map.of("uri_param_names", List.of("token")), request().rawQuery("token=" + TOKEN)));
        }

        @Test
        void onlyWhereConfigured() {
            Map<String, String> unauthorized = Map.of("message", "Unauthorized");
            assertRefused(run(Map.of(), request().header("Cookie", "jwt=" + TOKEN)), unauthorized, "Bearer");
            assertRefused(run(Map.of("uri_param_names", List.of()), request().rawQuery("jwt=" + TOKEN)), unauthorized, "Bearer");
            assertRefused(run(Map.of(), request().header("X-Token", "Bearer " + TOKEN)), unauthorized, "Bearer");
            assertRefused(run(Map.of(), request().header("Authorization", TOKEN)), unauthorized, "Bearer");
            assertRefused(run(Map.of(), request().header("Authorization", "Basic " + TOKEN)), unauthorized, "Bearer");
        }

        @Test
        void theSameTokenInSeveralPlacesCountsOnce() {
            assertAuthenticatedAsAlice(run(Map.of(), bearer(TOKEN).rawQuery("jwt=" + TOKEN)));
        }

        @Test
        void differentTokensAreRefused() {
            String other = hs256("{\"iss\":\"alice-key\",\"sub\":\"2\"}", SECRET);

            assertRefused(run(Map.of(), bearer(TOKEN).rawQuery("jwt=" + other)), "Multiple tokens provided");
            assertRefused(run(Map.of(), request().rawQuery("jwt=" + TOKEN + "&jwt=" + other)), "Multiple tokens provided");
        }
    }

    @Nested
    class Refusing {
        @Test
        void withoutAToken() {
            assertRefused(run(Map.of(), request()), Map.of("message", "Unauthorized"), "Bearer");
            assertRefused(run(Map.of(), request().rawQuery("jwt=")), Map.of("message", "Unauthorized"), "Bearer");
        }

        @Test
        void withTheConfiguredRealm() {
            assertRefused(run(Map.of("realm", "ai"), request()), Map.of("message", "Unauthorized"), "Bearer realm=\"ai\"");
            assertRefused(run(Map.of("realm", "ai"), bearer("x")), Map.of("message", "Bad token; invalid JSON"),
                    "Bearer realm=\"ai\", error=\"invalid_token\"");
        }

        @Test
        void tokensThatDoNotDecode() {
            String claims = b64("{\"iss\":\"alice-key\"}");
            assertRefused(run(Map.of(), bearer("not-a-token")), "Bad token; invalid JSON");
            assertRefused(run(Map.of(), bearer(b64("{\"alg\":\"HS256\"}") + "." + claims)), "Bad token; invalid JSON");
            assertRefused(run(Map.of(), bearer(b64("{\"alg\":") + "." + claims + ".c2ln")), "Bad token; invalid JSON");
            assertRefused(run(Map.of(), bearer(b64("[1]") + "." + claims + ".c2ln")), "Bad token; invalid JSON");
            assertRefused(run(Map.of(), bearer("e30*." + claims + ".c2ln")), "Bad token; invalid JSON");
            assertRefused(run(Map.of(), bearer(unsigned("{\"alg\":\"none\"}", "{\"iss\":\"alice-key\"}") + ".")),
                    "Bad token; invalid alg");
            assertRefused(run(Map.of(), bearer(unsigned("{\"typ\":\"JWT\"}", "{}") + ".c2ln")), "Bad token; invalid alg");
            assertRefused(run(Map.of(), bearer(unsigned("{\"alg\":\"HS256\"}", "\"claims\"") + ".c2ln")),
                    "Bad token; invalid claims");
            assertRefused(run(Map.of(), bearer(unsigned("{\"alg\":\"HS256\"}", "{}") + ".sig*")),
                    "Bad token; invalid signature");
        }

        @Test
        void withoutTheKeyClaim() {
            assertRefused(run(Map.of(), bearer(hs256("{\"sub\":\"1\"}", SECRET))), "No mandatory 'iss' in claims");
            assertRefused(run(Map.of("key_claim_name", "kid"), bearer(TOKEN)), "No mandatory 'kid' in claims");
        }

        @Test
        void withAnEmptyOrNonStringKeyClaim() {
            assertRefused(run(Map.of(), bearer(hs256("{\"iss\":\"\"}", SECRET))), "Invalid 'iss' in claims");
            assertRefused(run(Map.of(), bearer(hs256("{\"iss\":42}", SECRET))), "Invalid 'iss' in claims");
        }

        @Test
        void anUnknownKey() {
            assertRefused(run(Map.of(), bearer(hs256("{\"iss\":\"mallory\"}", SECRET))), "No credentials found for given 'iss'");
        }

        @Test
        void anotherAlgorithmThanTheCredentials() {
            String hs512 = Tokens.hs("HS512", "{\"iss\":\"alice-key\"}", SECRET.getBytes(StandardCharsets.UTF_8));

            assertRefused(run(Map.of(), bearer(hs512)), "Invalid algorithm");
        }

        @Test
        void aWrongSignature() {
            assertRefused(run(Map.of(), bearer(hs256("{\"iss\":\"alice-key\"}", "not-the-secret"))), "Invalid signature");
            String tampered = TOKEN.substring(0, TOKEN.indexOf('.')) + "." + b64("{\"iss\":\"alice-key\",\"sub\":\"0\"}")
                    + TOKEN.substring(TOKEN.lastIndexOf('.'));
            assertRefused(run(Map.of(), bearer(tampered)), "Invalid signature");
        }

        @Test
        void aCredentialWithoutASecret() {
            var bare = CredentialInfo.builder("cred-bare", "jwt", "c-alice", "bare-key").data(Map.of("algorithm", "HS256")).build();
            var request = request().credential(ALICE, bare).header("Authorization", "Bearer " + hs256("{\"iss\":\"bare-key\"}", "x"));

            assertRefused(run(Map.of(), request), "Invalid key/secret");
        }

        @Test
        void preflightsUnlessTheyAreLetThrough() {
            assertRefused(run(Map.of(), request().method("OPTIONS")), Map.of("message", "Unauthorized"), "Bearer");
            FakePluginContext preflight = run(Map.of("run_on_preflight", false), request().method("OPTIONS"));
            assertThat(preflight.exitStatus()).isZero();
            assertThat(preflight.identity().consumer()).isEmpty();
        }
    }

    @Nested
    class Secrets {
        @Test
        void theKeyMayBeInTheHeaderInstead() {
            String token = resign(unsigned("{\"alg\":\"HS256\",\"kid\":\"alice-key\"}", "{\"sub\":\"1\"}"),
                    SECRET.getBytes(StandardCharsets.UTF_8));

            assertAuthenticatedAsAlice(run(Map.of("key_claim_name", "kid"), bearer(token)));
        }

        @Test
        void aKeyClaimSetToNullCountsAsAbsent() {
            String token = resign(unsigned("{\"alg\":\"HS256\",\"kid\":\"alice-key\"}", "{\"kid\":null}"),
                    SECRET.getBytes(StandardCharsets.UTF_8));

            assertAuthenticatedAsAlice(run(Map.of("key_claim_name", "kid"), bearer(token)));
            assertRefused(run(Map.of(), bearer(hs256("{\"iss\":null}", SECRET))), "No mandatory 'iss' in claims");
        }

        @Test
        void hs384AndHs512() {
            for (String alg : List.of("HS384", "HS512")) {
                var credential = CredentialInfo.builder("cred-" + alg, "jwt", "c-alice", alg).data(Map.of("algorithm", alg, "secret", SECRET)).build();
                String token = Tokens.hs(alg, "{\"iss\":\"" + alg + "\"}", SECRET.getBytes(StandardCharsets.UTF_8));

                FakePluginContext ctx = run(Map.of(), request().credential(ALICE, credential).header("Authorization", "Bearer " + token));
                assertThat(ctx.exitStatus()).as(alg).isZero();
                assertThat(ctx.identity().credential()).contains(credential);
            }
        }

        @Test
        void base64Secrets() {
            byte[] raw = {0, 1, 2, (byte) 0xfb, (byte) 0xff, 42, 7, 9};
            String token = Tokens.hs("HS256", "{\"iss\":\"b64\"}", raw);
            for (String stored : List.of(Base64.getEncoder().encodeToString(raw), Base64.getUrlEncoder().withoutPadding().encodeToString(raw))) {
                var credential = CredentialInfo.builder("cred-b64", "jwt", "c-alice", "b64").data(Map.of("algorithm", "HS256", "secret", stored)).build();
                var request = request().credential(ALICE, credential).header("Authorization", "Bearer " + token);

                assertThat(run(Map.of("secret_is_base64", true), request).exitStatus()).as(stored).isZero();
                assertRefused(run(Map.of(), request().credential(ALICE, credential).header("Authorization", "Bearer " + token)),
                        "Invalid signature");
            }
            var notBase64 = CredentialInfo.builder("cred-bad", "jwt", "c-alice", "bad").data(Map.of("secret", "%%%")).build();
            assertRefused(run(Map.of("secret_is_base64", true), request().credential(ALICE, notBase64)
                    .header("Authorization", "Bearer " + Tokens.hs("HS256", "{\"iss\":\"bad\"}", raw))), "Invalid key/secret");
        }

        @Test
        void aCredentialWithoutAnAlgorithmIsHs256() {
            var legacy = CredentialInfo.builder("cred-legacy", "jwt", "c-alice", "legacy").data(Map.of("secret", SECRET)).build();
            var request = request().credential(ALICE, legacy).header("Authorization", "Bearer " + hs256("{\"iss\":\"legacy\"}", SECRET));

            assertThat(run(Map.of(), request).exitStatus()).isZero();
        }

        static String resign(String unsigned, byte[] secret) {
            try {
                var mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
                return unsigned + "." + Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII)));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
