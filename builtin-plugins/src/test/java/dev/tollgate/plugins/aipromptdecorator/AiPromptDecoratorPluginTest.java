package dev.tollgate.plugins.aipromptdecorator;

import static dev.tollgate.commons.aiprompt.ChatRequests.access;
import static dev.tollgate.commons.aiprompt.ChatRequests.body;
import static dev.tollgate.commons.aiprompt.ChatRequests.chat;
import static dev.tollgate.commons.aiprompt.ChatRequests.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tollgate.commons.aiprompt.PromptRequests;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.llm.ChatMessage;
import dev.tollgate.sdk.testkit.FakePluginContext;
import dev.tollgate.sdk.testkit.SimpleChatRequest;

/** What the model gets once the decorator has run, and what clients get when it cannot run. */
class AiPromptDecoratorPluginTest {
    private static final Map<String, Object> CONFIG = Map.of("prompts", Map.of(
            "prepend", List.of(Map.of("role", "system", "content", "You are a pirate."),
                    Map.of("role", "user", "content", "Answer like one.")),
            "append", List.of(Map.of("role", "assistant", "content", "Arr."),
                    Map.of("role", "user", "content", "End with an analogy."))));

    static Plugin plugin(Map<String, ?> config) {
        var factory = new AiPromptDecoratorPluginFactory();
        return factory.create(factory.configSchema().validate(config));
    }

    private static List<String> sent(FakePluginContext ctx) {
        return ctx.llm().request().orElseThrow().messages().stream().map(m -> m.role() + ": " + m.content()).toList();
    }

    @Test
    void prependedMessagesComeFirstAndAppendedOnesLastInTheirOrder() {
        SimpleChatRequest request = new SimpleChatRequest("gpt-4o").system("Client system.").user("What is TLS?");
        FakePluginContext ctx = access(plugin(CONFIG), chat(request));

        assertThat(ctx.exitStatus()).isZero();
        assertThat(sent(ctx)).containsExactly("system: You are a pirate.", "user: Answer like one.",
                "system: Client system.", "user: What is TLS?", "assistant: Arr.", "user: End with an analogy.");
        assertThat(request.changed()).as("the chat view is marked changed, so the body is written again").isTrue();
    }

    @Test
    void onlyPrependOrOnlyAppend() {
        Plugin prepend = plugin(Map.of("prompts", Map.of("prepend", List.of(Map.of("content", "Be brief.")))));
        assertThat(sent(access(prepend, chat(new SimpleChatRequest("m").user("Hi")))))
                .containsExactly("system: Be brief.", "user: Hi");
        Plugin append = plugin(Map.of("prompts", Map.of("append", List.of(Map.of("role", "user", "content", "Bye.")))));
        assertThat(sent(access(append, chat(new SimpleChatRequest("m").user("Hi")))))
                .containsExactly("user: Hi", "user: Bye.");
    }

    @Test
    void eachRequestIsDecoratedOnceWhateverCameBefore() {
        Plugin plugin = plugin(CONFIG);
        for (int i = 0; i < 3; i++) {
            assertThat(sent(access(plugin, chat(new SimpleChatRequest("m").user("q" + i))))).hasSize(5);
        }
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedInKongsWords() {
        FakePluginContext ctx = access(plugin(CONFIG), body("model=gpt-4o&prompt=hi"));
        assertThat(ctx.exitStatus()).isEqualTo(400);
        assertThat(ctx.exitBody()).isEqualTo(error(PromptRequests.NOT_JSON, "prompt_decorator"));
    }

    @Test
    void jsonThatIsNotAChatRequestIsRefused() {
        for (String json : List.of("{\"input\":\"embed me\"}", "{\"prompt\":\"complete me\"}", "[1,2]", "{\"messages\":\"hi\"}")) {
            FakePluginContext ctx = access(plugin(CONFIG), body(json));
            assertThat(ctx.exitStatus()).as(json).isEqualTo(400);
            assertThat(ctx.exitBody()).as(json).isIn(error(AiPromptDecoratorPlugin.NOT_CHAT, "prompt_decorator"),
                    error(PromptRequests.NOT_JSON, "prompt_decorator"));
        }
        FakePluginContext empty = access(plugin(CONFIG), chat(new SimpleChatRequest("m")));
        assertThat(empty.exitStatus()).isEqualTo(400);
        assertThat(empty.exitBody()).isEqualTo(error(AiPromptDecoratorPlugin.NOT_CHAT, "prompt_decorator"));
    }

    @Test
    void aRequestWithoutABodyPassesUntouched() {
        FakePluginContext ctx = FakePluginContext.builder().method("GET").path("/v1/models").build().in(Phase.ACCESS);
        plugin(CONFIG).access(ctx);
        assertThat(ctx.exitStatus()).isZero();
        assertThat(ctx.upstreamBody()).isEmpty();
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413WhetherDeclaredOrNot() {
        Plugin small = plugin(Map.of("max_request_body_size", 100, "prompts", Map.of("prepend", List.of(Map.of("content", "x")))));
        SimpleChatRequest big = new SimpleChatRequest("m").user("x".repeat(200));

        FakePluginContext undeclared = access(small, chat(big));
        assertThat(undeclared.exitStatus()).isEqualTo(413);
        assertThat(undeclared.exitBody().toString()).contains("request_too_large", "max_request_body_size",
                "larger than the 100 bytes ai-prompt-decorator inspects");
        assertThat(big.messages()).hasSize(1);

        FakePluginContext declared = FakePluginContext.builder().method("POST").header("Content-Length", "5000000")
                .chat(new SimpleChatRequest("m").user("hi")).build().in(Phase.ACCESS);
        small.access(declared);
        assertThat(declared.exitStatus()).isEqualTo(413);
        assertThat(declared.exitBody().toString()).contains("5000000 bytes");
    }

    @Test
    void contentStaysExactlyAsConfigured() {
        String tricky = "Quote \" backslash \\ newline \n unicode é 😀 {\"role\":\"system\"}";
        Plugin plugin = plugin(Map.of("prompts", Map.of("append", List.of(Map.of("role", "user", "content", tricky)))));
        FakePluginContext ctx = access(plugin, chat(new SimpleChatRequest("m").user("Hi")));
        ChatMessage last = ctx.llm().request().orElseThrow().messages().getLast();
        assertThat(last.content()).isEqualTo(tricky);
    }
}
