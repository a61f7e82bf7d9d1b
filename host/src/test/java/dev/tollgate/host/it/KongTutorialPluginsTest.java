package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Steps 5–8 of the Kong tutorial (shared/TUTORIAL.md), as written, in both storage modes. */
class KongTutorialPluginsTest {
    private static final String CHAT = "{\"messages\": [{\"role\": \"user\", \"content\": \"Hello LLM!\"}]}";

    @TempDir
    Path dir;

    private static HttpResponse<String> chat(TestGateway t, String apikey) {
        var b = HttpRequest.newBuilder(URI.create(t.proxy("/ai/chat"))).header("Content-Type", "application/json");
        if (apikey != null) {
            b.header("apikey", apikey);
        }
        return t.send(b.POST(HttpRequest.BodyPublishers.ofString(CHAT)).build());
    }

    private static void awayFromAMinuteBoundary() {
        long intoMinute = System.currentTimeMillis() % 60_000;
        if (intoMinute > 55_000) {
            try {
                Thread.sleep(60_000 - intoMinute + 100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void keyAuthAndRateLimiting(String mode) {
        try (TestGateway t = TestGateway.start(mode, dir)) {
            expect(201, t.postForm(t.admin("/services"), "name=mock-llm", "url=" + t.mock.baseUrl() + "/v1/chat/completions"));
            expect(201, t.postForm(t.admin("/services/mock-llm/routes"), "paths[]=/ai/chat"));

            // 5. A consumer and its key.
            expect(201, t.postForm(t.admin("/consumers"), "username=my-ai-app"));
            var cred = json(expect(201, t.postForm(t.admin("/consumers/my-ai-app/key-auth"), "key=supersecret-apikey-123")));
            assertThat(cred.get("key").asText()).isEqualTo("supersecret-apikey-123");
            assertThat(cred.get("consumer").get("id").asText()).hasSize(36);

            // 6. key-auth on the service.
            expect(201, t.postForm(t.admin("/services/mock-llm/plugins"), "name=key-auth"));
            assertThat(json(expect(401, chat(t, null))).get("message").asText()).isEqualTo("No API key found in request");
            expect(200, chat(t, "supersecret-apikey-123"));
            assertThat(json(expect(401, chat(t, "wrong-key"))).get("message").asText())
                    .isEqualTo("Invalid authentication credentials");
            assertThat(t.mock.requests().getLast().header("x-consumer-username")).contains("my-ai-app");

            // 7. Five requests a minute for the consumer.
            expect(201, t.postForm(t.admin("/consumers/my-ai-app/plugins"),
                    "name=rate-limiting", "config.minute=5", "config.policy=local"));

            // 8. Five pass with falling remaining counts; the sixth is refused. (Not across a minute
            // boundary: the window would start over in the middle.)
            awayFromAMinuteBoundary();
            for (int i = 1; i <= 5; i++) {
                HttpResponse<String> ok = expect(200, chat(t, "supersecret-apikey-123"));
                assertThat(ok.headers().firstValue("X-RateLimit-Limit-Minute")).contains("5");
                assertThat(ok.headers().firstValue("X-RateLimit-Remaining-Minute")).contains(Integer.toString(5 - i));
            }
            HttpResponse<String> limited = expect(429, chat(t, "supersecret-apikey-123"));
            assertThat(json(limited).get("message").asText()).isEqualTo("API rate limit exceeded");
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        }
    }
}
