package dev.tollgate.commons.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.commons.json.PlainJson;
import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.CredentialInfo;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.RouteInfo;
import dev.tollgate.sdk.testkit.FakeHostServices;
import dev.tollgate.sdk.testkit.FakePluginContext;
import org.junit.jupiter.api.Test;

class LogEntryTest {
    static final Instant STARTED = Instant.parse("2025-03-01T10:00:00.123Z");
    static final ConsumerInfo ALICE = ConsumerInfo.builder("c-alice").username("alice").customId("crm-7").build();
    static final CredentialInfo ALICE_KEY = CredentialInfo.builder("cred-1", "key-auth", "c-alice", "secret-1").build();

    /** A request 250 ms old when logged. */
    static FakePluginContext.Builder request() {
        return FakePluginContext.builder()
                .startedAt(STARTED)
                .services(new FakeHostServices(Clock.fixed(STARTED.plusMillis(250), ZoneOffset.UTC)))
                .method("POST").scheme("https").path("/v1/chat").rawQuery("model=gpt&apikey=secret-1&tag=a&tag=b")
                .header("Host", "api.example.com").header("User-Agent", "curl/8")
                .header("Authorization", "Bearer sk-123").header("Proxy-Authorization", "Basic eDp5")
                .header("apikey", "secret-1").header("Cookie", "session=abc").header("Cookie", "theme=dark")
                .clientIp("203.0.113.9");
    }

    static Map<String, Object> entry(FakePluginContext ctx) {
        String json = LogEntry.from(ctx.in(Phase.LOG)).toJson();
        assertThat(json).doesNotContain("\n");
        return PlainJson.object(json);
    }

    @Test
    void hasKongsShape() {
        var ctx = request().upstreamResponse(200, Map.of("Content-Type", "application/json")).build();
        ctx.identity().authenticate(ALICE, ALICE_KEY);

        Map<String, Object> entry = entry(ctx);

        assertThat(entry).containsOnlyKeys("request", "response", "latencies", "client_ip", "started_at",
                "route", "service", "consumer", "authenticated_entity");
        assertThat(entry.get("request")).isEqualTo(Map.of(
                "method", "POST",
                "uri", "/v1/chat?model=gpt&apikey=REDACTED&tag=a&tag=b",
                "url", "https://api.example.com/v1/chat?model=gpt&apikey=REDACTED&tag=a&tag=b",
                "querystring", Map.of("model", "gpt", "apikey", "REDACTED", "tag", List.of("a", "b")),
                "headers", Map.of("host", "api.example.com", "user-agent", "curl/8",
                        "authorization", "REDACTED", "proxy-authorization", "REDACTED", "apikey", "REDACTED",
                        "cookie", List.of("REDACTED", "REDACTED"))));
        assertThat(entry.get("response")).isEqualTo(Map.of("status", 200L,
                "headers", Map.of("content-type", "application/json")));
        // The test kit's upstream answers in 5 ms.
        assertThat(entry.get("latencies")).isEqualTo(Map.of("request", 250L, "proxy", 5L, "gateway", 245L));
        assertThat(entry).containsEntry("client_ip", "203.0.113.9")
                .containsEntry("started_at", STARTED.toEpochMilli())
                .containsEntry("route", Map.of("id", "route-1", "name", "route"))
                .containsEntry("service", Map.of("id", "service-1", "name", "service"))
                .containsEntry("consumer", Map.of("id", "c-alice", "username", "alice", "custom_id", "crm-7"))
                .containsEntry("authenticated_entity", Map.of("id", "cred-1"));
    }

    @Test
    void neverShowsACredential() {
        var ctx = request().upstreamResponse(200, Map.of("Set-Cookie", "session=new")).build();
        ctx.identity().authenticate(ALICE, ALICE_KEY);

        String json = LogEntry.from(ctx.in(Phase.LOG)).toJson();

        assertThat(json).doesNotContain("sk-123", "eDp5", "secret-1", "session=");
    }

    @Test
    void aRequestAnsweredByAPluginHasNoUpstream() {
        var ctx = request().build();
        ctx.response().exit(401, Map.of("message", "No API key found in request"));

        Map<String, Object> entry = entry(ctx);

        assertThat(entry.get("response")).isEqualTo(Map.of("status", 401L, "headers", Map.of()));
        assertThat(entry.get("latencies")).isEqualTo(Map.of("request", 250L, "proxy", -1L, "gateway", 250L));
        assertThat(entry).doesNotContainKeys("consumer", "authenticated_entity");
    }

    @Test
    void leavesOutWhatIsUnknown() {
        var ctx = FakePluginContext.builder().path("/health")
                .route(RouteInfo.builder("r-9", "s-9").build()).build();
        ctx.identity().authenticate(ConsumerInfo.builder("c-anon").build(), null);

        Map<String, Object> entry = entry(ctx);

        @SuppressWarnings("unchecked")
        Map<String, Object> request = (Map<String, Object>) entry.get("request");
        assertThat(request).containsEntry("uri", "/health").containsEntry("url", "/health")
                .containsEntry("querystring", Map.of()).containsEntry("headers", Map.of());
        assertThat(entry).containsEntry("route", Map.of("id", "r-9")).containsEntry("service", Map.of("id", "s-9"))
                .containsEntry("consumer", Map.of("id", "c-anon")).doesNotContainKey("authenticated_entity");
    }

    @Test
    void customFieldsAreAddedAtTheTop() {
        var ctx = request().build();

        Map<String, Object> entry = PlainJson.object(LogEntry.from(ctx.in(Phase.LOG))
                .with(Map.of("env", "prod", "client_ip", "hidden")).toJson());

        assertThat(entry).containsEntry("env", "prod").containsEntry("client_ip", "hidden");
    }

    @Test
    void redactsQueryCredentialsHoweverTheyAreSpelled() {
        assertThat(LogEntry.redactQuery("")).isEmpty();
        assertThat(LogEntry.redactQuery("api%6Bey=s&x=1&apikey&=&a=%zz")).isEqualTo("api%6Bey=REDACTED&x=1&apikey=REDACTED&=&a=%zz");
        assertThat(LogEntry.redactQuery("apikeys=1&APIKEY=2")).as("names are case-sensitive, as key-auth's")
                .isEqualTo("apikeys=1&APIKEY=2");
    }
}
