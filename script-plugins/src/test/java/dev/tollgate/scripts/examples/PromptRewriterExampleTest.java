package dev.tollgate.scripts.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import dev.tollgate.scripts.ScriptLimits;
import dev.tollgate.scripts.testkit.ScriptTestKit;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.SchemaViolationException;
import dev.tollgate.sdk.llm.ChatMessage;
import dev.tollgate.sdk.testkit.FakePluginContext;
import dev.tollgate.sdk.testkit.SimpleChatRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PromptRewriterExampleTest {
    private static PluginFactory factory;

    @BeforeAll
    static void load() throws Exception {
        factory = ScriptTestKit.load(Path.of("examples/prompt-rewriter.js"),
                // what it masks is under test here, not its speed: room for a busy machine's cold start
                ScriptLimits.defaults().withTimeLimit(java.time.Duration.ofSeconds(10)));
    }

    @AfterAll
    static void close() throws Exception {
        ((AutoCloseable) factory).close();
    }

    private static Plugin plugin(Map<String, ?> config) {
        return factory.create(factory.configSchema().validate(config));
    }

    @Test
    void exportsWhatTheDocsSay() {
        assertThat(factory.name()).isEqualTo("prompt-rewriter");
        assertThat(factory.phases()).containsExactly(Phase.ACCESS);
    }

    @Test
    void addsTheSystemMessageFirstByDefault() {
        var chat = new SimpleChatRequest("gpt-4o").system("Old rules.").user("Hi");
        var ctx = FakePluginContext.builder().chat(chat).build();
        plugin(Map.of("system", "Be brief.")).access(ctx.in(Phase.ACCESS));
        assertThat(chat.messages()).extracting(ChatMessage::role, ChatMessage::content)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("system", "Be brief."),
                        org.assertj.core.groups.Tuple.tuple("system", "Old rules."),
                        org.assertj.core.groups.Tuple.tuple("user", "Hi"));
        assertThat(chat.changed()).isTrue();
        assertThat(ctx.exitStatus()).isZero();
    }

    @Test
    void addsTheSystemMessageLastWithPositionEnd() {
        var chat = new SimpleChatRequest("gpt-4o").user("Hi").user("Again");
        var ctx = FakePluginContext.builder().chat(chat).build();
        plugin(Map.of("system", "Answer in French.", "position", "end")).access(ctx.in(Phase.ACCESS));
        assertThat(chat.messages()).hasSize(3);
        assertThat(chat.messages().getLast().role()).isEqualTo("system");
        assertThat(chat.messages().getLast().content()).isEqualTo("Answer in French.");
        assertThat(chat.messages().getFirst().content()).isEqualTo("Hi");
    }

    @Test
    void leavesANonChatRequestAlone() {
        var ctx = FakePluginContext.builder().method("POST").path("/v1/embeddings")
                .body("{\"input\":\"hello\"}").build();
        plugin(Map.of("system", "Be brief.")).access(ctx.in(Phase.ACCESS));
        assertThat(new String(ctx.upstreamBody())).isEqualTo("{\"input\":\"hello\"}");
        assertThat(ctx.exitStatus()).isZero();
        assertThat(ctx.logLines()).isEmpty();
    }

    @Test
    void configIsValidated() {
        assertThatThrownBy(() -> factory.configSchema().validate(Map.of()))
                .isInstanceOfSatisfying(SchemaViolationException.class,
                        e -> assertThat(e.errors()).containsKey("system"));
        assertThatThrownBy(() -> factory.configSchema().validate(Map.of("system", "x", "position", "middle")))
                .isInstanceOfSatisfying(SchemaViolationException.class,
                        e -> assertThat(e.errors()).containsEntry("position", "expected one of: start, end (got 'middle')"));
        assertThatThrownBy(() -> factory.configSchema().validate(Map.of("system", "x", "tone", "polite")))
                .isInstanceOfSatisfying(SchemaViolationException.class,
                        e -> assertThat(e.errors()).containsEntry("tone", "unknown field"));
        assertThat(factory.configSchema().validate(Map.of("system", "x")).asMap()).containsEntry("position", "start");
    }
}
