package dev.tollgate.host.it.ai;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.BadRequestException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.tollgate.host.it.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * ai-prompt-guard and ai-prompt-decorator in front of ai-proxy and the mock LLM, used through
 * the official clients: what reaches the model, what clients hear, and a pattern that backtracks
 * not stalling the gateway.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AiPromptGuardDecoratorTest {
    private static final String BAD_REQUEST = "{\"error\":{\"message\":\"bad request\",\"type\":\"invalid_request_error\","
            + "\"code\":\"prompt_guard\"}}";

    TestGateway t;
    OpenAIClient guarded;
    OpenAIClient decorated;
    AnthropicClient claudeDecorated;

    @BeforeAll
    void start(@TempDir Path dir) {
        t = TestGateway.start("h2", dir);
        String openAiUrl = t.mock.baseUrl() + "/v1/chat/completions";
        AiRoutes.create(t, "guarded", "/guarded", AiRoutes.openAi(openAiUrl, "gpt-4o-mini"));
        addPlugin("guarded", "ai-prompt-guard", "{\"deny_patterns\":[\"(?i)\\\\bpassword\\\\b\",\"(a+)+$\"]}");
        AiRoutes.create(t, "decorated", "/decorated", AiRoutes.openAi(openAiUrl, "gpt-4o-mini"));
        addPlugin("decorated", "ai-prompt-decorator", DECORATION);
        AiRoutes.create(t, "claude", "/claude", "{\"llm_format\":\"anthropic\",\"model\":{\"provider\":\"openai\","
                + "\"name\":\"gpt-4o-mini\",\"options\":{\"upstream_url\":\"" + openAiUrl + "\"}},\"auth\":{\"header_value\":\"sk\"}}");
        addPlugin("claude", "ai-prompt-decorator", DECORATION);
        guarded = OpenAIOkHttpClient.builder().apiKey("app").baseUrl(t.proxy("/guarded/v1")).maxRetries(0).build();
        decorated = OpenAIOkHttpClient.builder().apiKey("app").baseUrl(t.proxy("/decorated/v1")).maxRetries(0).build();
        claudeDecorated = AnthropicOkHttpClient.builder().apiKey("app").baseUrl(t.proxy("/claude")).maxRetries(0).build();
    }

    private static final String DECORATION = "{\"prompts\":{\"prepend\":[{\"role\":\"system\",\"content\":\"You are terse.\"}],"
            + "\"append\":[{\"role\":\"user\",\"content\":\"Reply in French.\"}]}}";

    @AfterAll
    void stop() {
        guarded.close();
        decorated.close();
        claudeDecorated.close();
        t.close();
    }

    private void addPlugin(String route, String name, String config) {
        expect(201, t.sendJson("POST", t.admin("/routes/" + route + "/plugins"), "{\"name\":\"" + name + "\",\"config\":" + config + "}"));
    }

    private HttpResponse<String> ask(String userMessage) {
        JsonNode body = TestGateway.JSON.createObjectNode().set("messages", TestGateway.JSON.createArrayNode()
                .add(TestGateway.JSON.createObjectNode().put("role", "user").put("content", userMessage)));
        return t.sendJson("POST", t.proxy("/guarded/v1/chat/completions"), body.toString());
    }

    private List<String> received() throws Exception {
        List<String> out = new ArrayList<>();
        TestGateway.JSON.readTree(t.mock.requests().getLast().body()).get("messages")
                .forEach(m -> out.add(m.get("role").asText() + ": " + m.get("content").asText()));
        return out;
    }

    @Test
    void theDecoratedConversationReachesTheModel() throws Exception {
        ChatCompletion c = decorated.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini").addSystemMessage("App system.").addUserMessage("What is DNS?").build());
        assertThat(c.choices()).hasSize(1);
        assertThat(received()).containsExactly("system: You are terse.", "system: App system.", "user: What is DNS?",
                "user: Reply in French.");
    }

    @Test
    void anAnthropicClientIsDecoratedToo() throws Exception {
        claudeDecorated.messages().create(MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(50)
                .addUserMessage("What is DNS?").build());
        assertThat(received()).containsExactly("system: You are terse.", "user: What is DNS?", "user: Reply in French.");
    }

    @Test
    void aDeniedPromptGetsKongsBadRequestAndNeverReachesTheModel() {
        int before = t.mock.requests().size();
        HttpResponse<String> res = ask("What is my Password?");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).isEqualTo(BAD_REQUEST);
        assertThat(t.mock.requests()).hasSize(before);

        BadRequestException e = org.assertj.core.api.Assertions.catchThrowableOfType(BadRequestException.class,
                () -> guarded.chat().completions().create(ChatCompletionCreateParams.builder().model("m")
                        .addUserMessage("reset my password please").build()));
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.getMessage()).contains("bad request");

        expect(200, ask("What is a passwordless login?"));
    }

    @Test
    void textInContentPartsIsCheckedAndARequestWithoutAPromptPasses() {
        HttpResponse<String> res = t.sendJson("POST", t.proxy("/guarded/v1/chat/completions"), "{\"messages\":[{\"role\":"
                + "\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hello.\"},{\"type\":\"text\",\"text\":\"My password is\"}]}]}");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).isEqualTo(BAD_REQUEST);

        JsonNode models = json(expect(200, t.get(t.proxy("/guarded/v1/models"))));
        assertThat(models.at("/data/0/id").asText()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void aBacktrackingPatternIsCutShortAndTheGatewayKeepsServing() throws Exception {
        // (a+)+$ on 8,000 a's and a '!' takes java.util.regex about 3 s unbounded on this kind of
        // machine; the guard stops it after a million character reads.
        String evil = "a".repeat(8000) + "!";
        ask(evil); // warms the matcher's compiled code
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            HttpResponse<String> res = ask(evil);
            millis.add((System.nanoTime() - start) / 1_000_000);
            assertThat(res.statusCode()).isEqualTo(400);
            assertThat(json(res).at("/error/code").asText()).isEqualTo("prompt_guard");
            assertThat(json(res).at("/error/message").asText()).contains("too many steps");
        }
        System.out.println("AiPromptGuardDecoratorTest: (a+)+$ on 8,001 characters answered in " + millis + " ms");
        // ~35 ms each on an idle run; the limits leave room for a CI machine shared with other builds.
        assertThat(millis).allSatisfy(ms -> assertThat(ms).isLessThan(1500));
        assertThat(millis.stream().sorted().toList().get(2)).as("median").isLessThan(500);

        // Four such requests at once, and an ordinary one still goes through.
        List<CompletableFuture<HttpResponse<String>>> attacks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            attacks.add(CompletableFuture.supplyAsync(() -> ask(evil)));
        }
        expect(200, ask("What is DNS?"));
        for (var a : attacks) {
            assertThat(a.get().statusCode()).isEqualTo(400);
        }
    }
}
