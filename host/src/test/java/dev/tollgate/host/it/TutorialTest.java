package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.mockllm.RecordedRequest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Steps 1–4 of the Kong tutorial (shared/TUTORIAL.md), as written, in both storage modes. */
class TutorialTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void kongTutorialStepsOneToFour(String mode) {
        try (TestGateway t = TestGateway.start(mode, dir)) {
            // 1. curl -X POST :8001/services --data "name=mock-llm" --data "url=http://127.0.0.1:8080/v1/chat/completions"
            JsonNode service = json(expect(201, t.postForm(t.admin("/services"),
                    "name=mock-llm", "url=" + t.mock.baseUrl() + "/v1/chat/completions")));
            assertThat(service.get("id").asText()).hasSize(36);
            assertThat(service.get("name").asText()).isEqualTo("mock-llm");
            assertThat(service.get("protocol").asText()).isEqualTo("http");
            assertThat(service.get("host").asText()).isEqualTo("127.0.0.1");
            assertThat(service.get("port").asInt()).isEqualTo(t.mock.port());
            assertThat(service.get("path").asText()).isEqualTo("/v1/chat/completions");

            // 2. curl -X POST :8001/services/mock-llm/routes --data "paths[]=/ai/chat"
            JsonNode route = json(expect(201, t.postForm(t.admin("/services/mock-llm/routes"), "paths[]=/ai/chat")));
            assertThat(route.get("paths").get(0).asText()).isEqualTo("/ai/chat");
            assertThat(route.get("service").get("id").asText()).isEqualTo(service.get("id").asText());
            assertThat(route.get("strip_path").asBoolean()).isTrue();

            // 3. curl -X POST -H "Content-Type: application/json" -d '{"messages": [...]}' :8000/ai/chat
            var res = expect(200, t.sendJson("POST", t.proxy("/ai/chat"),
                    "{\"messages\": [{\"role\": \"user\", \"content\": \"Hello LLM!\"}]}"));
            JsonNode completion = json(res);
            assertThat(completion.get("object").asText()).isEqualTo("chat.completion");
            assertThat(completion.get("choices").get(0).get("message").get("content").asText()).contains("Hello LLM!");
            JsonNode usage = completion.get("usage");
            assertThat(usage.get("prompt_tokens").asInt()).isPositive();
            assertThat(usage.get("completion_tokens").asInt()).isPositive();
            assertThat(usage.get("total_tokens").asInt())
                    .isEqualTo(usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt());

            // 4. The mock saw /v1/chat/completions: strip_path replaced /ai/chat by the service path.
            RecordedRequest seen = t.mock.takeRequest(Duration.ofSeconds(5)).orElseThrow();
            assertThat(seen.method()).isEqualTo("POST");
            assertThat(seen.path()).isEqualTo("/v1/chat/completions");
            assertThat(seen.body()).contains("Hello LLM!");
        }
    }
}
