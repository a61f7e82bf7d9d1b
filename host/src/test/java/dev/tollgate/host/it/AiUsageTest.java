package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.host.it.ai.AiRoutes;
import dev.tollgate.mockllm.MockFailure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests through ai-proxy become usage records with the provider's tokens and the price
 * table's cost, readable at once from {@code GET /usage}; in both storage modes.
 */
abstract class AiUsageTest extends StorageModeTest {
    private static final String CHAT = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Count my tokens\"}]}";

    @BeforeAll
    void routes() {
        expect(201, t.postForm(t.admin("/consumers"), "username=alice"));
        expect(201, t.postForm(t.admin("/consumers/alice/key-auth"), "key=alice-key"));
        String url = t.mock.baseUrl() + "/v1/chat/completions";
        AiRoutes.create(t, "metered", "/metered", "{\"model\":{\"provider\":\"openai\",\"name\":\"gpt-4o\","
                + "\"options\":{\"upstream_url\":\"" + url + "\"}},\"balancer\":{\"retries\":0}}");
        expect(201, t.postForm(t.admin("/routes/metered/plugins"), "name=key-auth"));
        AiRoutes.create(t, "unmetered", "/unmetered", "{\"model\":{\"provider\":\"openai\",\"name\":\"gpt-4o-mini\","
                + "\"options\":{\"upstream_url\":\"" + url + "\"}},\"logging\":{\"log_statistics\":false}}");
    }

    private HttpResponse<String> chat(String path, String body) {
        return t.send(HttpRequest.newBuilder(URI.create(t.proxy(path))).header("apikey", "alice-key")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private JsonNode usage(String query) {
        return json(expect(200, t.get(t.admin("/usage" + query)))).get("data");
    }

    @Test
    void everyAiRequestBecomesAPricedUsageRecord() {
        JsonNode answer = json(expect(200, chat("/metered/v1/chat/completions", CHAT)));
        String streamed = expect(200, chat("/metered/v1/chat/completions",
                "{\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"Stream\"}]}")).body();
        t.mock.enqueue(MockFailure.status(500));
        assertThat(chat("/metered/v1/chat/completions", CHAT).statusCode()).isEqualTo(500);

        JsonNode records = usage("?consumer=alice");
        assertThat(records).hasSize(3);
        JsonNode failed = records.get(0);
        assertThat(failed.get("status").asInt()).isEqualTo(500);
        assertThat(failed.get("total_tokens").asLong()).isZero();

        JsonNode first = records.get(2);
        JsonNode u = answer.get("usage");
        assertThat(first.get("consumer_name").asText()).isEqualTo("alice");
        assertThat(first.get("provider").asText()).isEqualTo("openai");
        assertThat(first.get("requested_model").asText()).isEqualTo("gpt-4o");
        assertThat(first.get("model").asText()).isEqualTo(answer.get("model").asText());
        assertThat(first.get("prompt_tokens").asLong()).isEqualTo(u.get("prompt_tokens").asLong());
        assertThat(first.get("completion_tokens").asLong()).isEqualTo(u.get("completion_tokens").asLong());
        assertThat(first.get("tokens_counted").asBoolean()).isFalse();
        // gpt-4o's default price: 2.50 in, 10.00 out per 1M tokens
        double expected = (u.get("prompt_tokens").asLong() * 2.50 + u.get("completion_tokens").asLong() * 10.00) / 1e6;
        assertThat(first.get("cost").asDouble()).isCloseTo(expected, within(1e-12));
        assertThat(first.get("currency").asText()).isEqualTo("USD");
        assertThat(first.get("status").asInt()).isEqualTo(200);

        JsonNode stream = records.get(1);
        assertThat(stream.get("time_to_first_token_ms").asLong()).isNotNegative();
        assertThat(streamed).contains("\"completion_tokens\":" + stream.get("completion_tokens").asLong());

        JsonNode byModel = usage("?group_by=model&consumer=alice");
        assertThat(byModel).singleElement().satisfies(g -> {
            assertThat(g.get("model").asText()).isEqualTo(answer.get("model").asText());
            assertThat(g.get("requests").asInt()).isEqualTo(3);
        });
    }

    @Test
    void logStatisticsFalseKeepsTheRouteOutOfTheRecords() {
        expect(200, chat("/unmetered/v1/chat/completions", CHAT));
        assertThat(usage("?model=gpt-4o-mini")).isEmpty();
    }

    static final class H2 extends AiUsageTest {
        @Override
        String mode() {
            return "h2";
        }
    }

    static final class Postgres extends AiUsageTest {
        @Override
        String mode() {
            return "postgres";
        }
    }
}
