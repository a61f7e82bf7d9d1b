package dev.tollgate.plugins.keyauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.CredentialInfo;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.testkit.FakePluginContext;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KeyAuthPluginTest {
    static final ConsumerInfo ALICE = ConsumerInfo.builder("c-alice").username("alice").customId("alice-crm-7").build();
    static final CredentialInfo ALICE_KEY = CredentialInfo.builder("cred-alice", "key-auth", "c-alice", "secret-1").build();
    static final ConsumerInfo ANONYMOUS = ConsumerInfo.builder("c-anon").username("guest").build();
    static final Map<String, String> NO_KEY = Map.of("message", "No API key found in request");
    static final Map<String, String> INVALID = Map.of("message", "Invalid authentication credentials");

    static Plugin plugin(Map<String, ?> config) {
        return new KeyAuthPluginFactory().create(KeyAuthConfig.SCHEMA.validate(config));
    }

    static FakePluginContext.Builder request() {
        return FakePluginContext.builder().credential(ALICE, ALICE_KEY).consumer(ANONYMOUS);
    }

    static FakePluginContext run(Map<String, ?> config, FakePluginContext.Builder request) {
        FakePluginContext ctx = request.build();
        plugin(config).access(ctx.in(Phase.ACCESS));
        return ctx;
    }

    static void assertAuthenticatedAsAlice(FakePluginContext ctx) {
        assertThat(ctx.exitStatus()).isZero();
        assertThat(ctx.identity().consumer()).contains(ALICE);
        assertThat(ctx.identity().credential()).contains(ALICE_KEY);
    }

    static void assertRefused(FakePluginContext ctx, Map<String, String> body) {
        assertThat(ctx.exitStatus()).isEqualTo(401);
        assertThat(ctx.exitBody()).isEqualTo(body);
        assertThat(ctx.responseHeaders()).containsEntry("www-authenticate", List.of("Key realm=\"tollgate\""));
        assertThat(ctx.identity().consumer()).isEmpty();
    }

    @Nested
    class FindingTheKey {
        @Test
        void inAHeaderWhoseNameIsCaseInsensitive() {
            assertAuthenticatedAsAlice(run(Map.of(), request().header("ApiKey", "secret-1")));
            assertAuthenticatedAsAlice(run(Map.of("key_names", List.of("X-API-Key")), request().header("x-api-key", "secret-1")));
        }

        @Test
        void inTheQueryString() {
            FakePluginContext ctx = run(Map.of(), request().rawQuery("model=gpt&apikey=secret-1"));

            assertAuthenticatedAsAlice(ctx);
            assertThat(ctx.upstreamRequest().rawQuery()).isEqualTo("model=gpt&apikey=secret-1");
        }

        @Test
        void queryParameterNamesAreCaseSensitive() {
            assertRefused(run(Map.of(), request().rawQuery("APIKEY=secret-1")), NO_KEY);
        }

        @Test
        void onlyWherePlacesAreEnabled() {
            assertRefused(run(Map.of("key_in_header", false), request().header("apikey", "secret-1")), NO_KEY);
            assertRefused(run(Map.of("key_in_query", false), request().rawQuery("apikey=secret-1")), NO_KEY);
            assertRefused(run(Map.of(), formRequest("apikey=secret-1")), NO_KEY); // key_in_body is off by default
        }

        @Test
        void inAFormBody() {
            assertAuthenticatedAsAlice(run(Map.of("key_in_body", true), formRequest("model=gpt&apikey=secret-1")));
        }

        @Test
        void inAJsonBody() {
            var request = request().header("Content-Type", "application/json; charset=utf-8")
                    .body("{\"model\": \"gpt\", \"apikey\": \"secret-1\"}");

            assertAuthenticatedAsAlice(run(Map.of("key_in_body", true), request));
        }

        @Test
        void notInBodiesOfOtherTypesOrThatDoNotParse() {
            var text = request().header("Content-Type", "text/plain").body("apikey=secret-1");
            var broken = request().header("Content-Type", "application/json").body("{\"apikey\": \"secret-1\"");

            assertRefused(run(Map.of("key_in_body", true), text), NO_KEY);
            FakePluginContext ctx = run(Map.of("key_in_body", true), broken);
            assertRefused(ctx, NO_KEY);
            assertThat(ctx.logLines()).anyMatch(l -> l.startsWith("INFO request body not searched for a key"));
        }

        @Test
        void headerFirstThenQueryThenBodyForEachNameInTurn() {
            Map<String, ?> config = Map.of("key_names", List.of("first", "second"), "key_in_body", true);

            // For one name the header wins over the query...
            assertAuthenticatedAsAlice(run(config, request().header("first", "secret-1").rawQuery("first=wrong")));
            // ...and the query over the body...
            assertAuthenticatedAsAlice(run(config, formRequest("first=wrong").rawQuery("first=secret-1")));
            // ...but the first name wins wherever it is: a later name's header is not looked at.
            assertRefused(run(config, request().header("second", "secret-1").rawQuery("first=wrong")), INVALID);
        }

        @Test
        void anEmptyKeyIsNoKey() {
            assertRefused(run(Map.of(), request().header("apikey", "").rawQuery("apikey=secret-1")), NO_KEY);
        }
    }

    @Nested
    class Refusing {
        @Test
        void withoutAKey() {
            assertRefused(run(Map.of(), request()), NO_KEY);
        }

        @Test
        void anUnknownKey() {
            assertRefused(run(Map.of(), request().header("apikey", "nope")), INVALID);
        }

        @Test
        void aKeyOfAnotherCredentialKind() {
            var basic = CredentialInfo.builder("cred-basic", "basic-auth", "c-alice", "other-key").build();
            var request = FakePluginContext.builder().credential(ALICE, basic).header("apikey", "other-key");

            assertRefused(run(Map.of(), request), INVALID);
        }

        @Test
        void aKeyGivenTwice() {
            Map<String, String> duplicate = Map.of("message", "Duplicate API key found");

            assertRefused(run(Map.of(), request().header("apikey", "secret-1").header("apikey", "secret-1")), duplicate);
            assertRefused(run(Map.of(), request().rawQuery("apikey=secret-1&apikey=x")), duplicate);
        }

        @Test
        void aCredentialWhoseConsumerIsGone() {
            var orphan = CredentialInfo.builder("cred-orphan", "key-auth", "c-deleted", "orphan-key").build();
            FakePluginContext ctx = run(Map.of(), request().credential(ALICE, orphan).header("apikey", "orphan-key"));

            assertRefused(ctx, INVALID);
            assertThat(ctx.logLines()).anyMatch(l -> l.startsWith("WARNING") && l.contains("c-deleted"));
        }

        @Test
        void withTheConfiguredRealm() {
            FakePluginContext ctx = run(Map.of("realm", "ai-gateway"), request());

            assertThat(ctx.responseHeaders()).containsEntry("www-authenticate", List.of("Key realm=\"ai-gateway\""));
        }

        @Test
        void preflightsUnlessTheyAreLetThrough() {
            assertRefused(run(Map.of(), request().method("OPTIONS")), NO_KEY);
            assertRefused(run(Map.of("run_on_preflight", false), request().method("GET")), NO_KEY);

            FakePluginContext preflight = run(Map.of("run_on_preflight", false), request().method("OPTIONS"));
            assertThat(preflight.exitStatus()).isZero();
            assertThat(preflight.identity().consumer()).isEmpty();
        }
    }

    static FakePluginContext.Builder formRequest(String body) {
        return request().method("POST").header("Content-Type", "application/x-www-form-urlencoded").body(body);
    }

    static String body(FakePluginContext ctx) {
        return new String(ctx.upstreamBody(), StandardCharsets.UTF_8);
    }
}
