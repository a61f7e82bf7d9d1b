package dev.tollgate.plugins.aisanitizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.tollgate.commons.llm.Json;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.testkit.FakePluginContext;
import dev.tollgate.sdk.testkit.SimpleChatRequest;
import org.junit.jupiter.api.Test;

/** The plugin over a fake request: what goes upstream, what the client gets back. */
class AiSanitizerPluginTest {
    private final AiSanitizerPluginFactory factory = new AiSanitizerPluginFactory();

    private Plugin plugin(Map<String, ?> config) {
        return factory.create(factory.configSchema().validate(config));
    }

    private static FakePluginContext ctx(SimpleChatRequest chat, String contentType) {
        return FakePluginContext.builder().method("POST").header("accept-encoding", "gzip").chat(chat)
                .upstreamResponse(200, Map.of("content-type", contentType)).build();
    }

    private static String filterWhole(Plugin p, FakePluginContext ctx, String body) {
        p.headerFilter(ctx.in(Phase.HEADER_FILTER));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int half = bytes.length / 2;
        byte[] a = p.bodyFilter(ctx.in(Phase.BODY_FILTER), java.util.Arrays.copyOf(bytes, half), false);
        byte[] b = p.bodyFilter(ctx, java.util.Arrays.copyOfRange(bytes, half, bytes.length), false);
        byte[] c = p.bodyFilter(ctx, new byte[0], true);
        return new String(a, StandardCharsets.UTF_8) + new String(b, StandardCharsets.UTF_8) + new String(c, StandardCharsets.UTF_8);
    }

    @Test
    void theUpstreamGetsPlaceholdersAndTheClientItsValuesBack() {
        Plugin p = plugin(Map.of());
        SimpleChatRequest chat = new SimpleChatRequest("gpt-4o").system("Reply to admin@corp.io if unsure.")
                .user("I am jane@example.com, card 4111 1111 1111 1111.").user("Again: jane@example.com");
        FakePluginContext ctx = ctx(chat, "application/json");
        p.access(ctx.in(Phase.ACCESS));

        assertThat(chat.messages()).extracting(m -> m.content()).containsExactly("Reply to admin@corp.io if unsure.",
                "I am <EMAIL_1>, card <CREDIT_CARD_1>.", "Again: <EMAIL_1>");
        assertThat(chat.changed()).isTrue();
        assertThat(ctx.upstreamHeaders()).doesNotContainKey("accept-encoding");

        String answer = "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"Noted, <EMAIL_1>.\"}}]}";
        assertThat(Json.tryParseObject(filterWhole(p, ctx, answer)).at("/choices/0/message/content").asText())
                .isEqualTo("Noted, jane@example.com.");
        assertThat(ctx.logLines()).noneMatch(l -> l.contains("jane@") || l.contains("4111"));
    }

    @Test
    void aStreamedAnswerIsRestoredToo() {
        Plugin p = plugin(Map.of());
        SimpleChatRequest chat = new SimpleChatRequest("m").user("call +44 20 7946 0958");
        FakePluginContext ctx = ctx(chat, "text/event-stream; charset=utf-8");
        p.access(ctx.in(Phase.ACCESS));
        assertThat(chat.messages().getFirst().content()).isEqualTo("call <PHONE_1>");
        String sse = new String(AnswerStreamTest.openAiStream("Calling <PHONE_1> now", 4), StandardCharsets.UTF_8);
        assertThat(AnswerStreamTest.contentOf(filterWhole(p, ctx, sse).getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("Calling +44 20 7946 0958 now");
    }

    @Test
    void scanRolesChoosesTheMessagesIncludingAnthropicsSystemPrompt() {
        Plugin p = plugin(Map.of("mode", "redact", "scan_roles", List.of("system")));
        SimpleChatRequest chat = new SimpleChatRequest("claude").user("me: a@b.io").system("ops: c@d.io")
                .with("system", List.of(Map.of("type", "text", "text", "escalate to e@f.io")));
        p.access(ctx(chat, "application/json").in(Phase.ACCESS));
        assertThat(chat.messages()).extracting(m -> m.content()).containsExactly("me: a@b.io", "ops: [EMAIL]");
        assertThat(chat.parameter("system")).contains(List.of(Map.of("type", "text", "text", "escalate to [EMAIL]")));

        SimpleChatRequest plain = new SimpleChatRequest("claude").user("hi").with("system", "mail g@h.io");
        p.access(ctx(plain, "application/json").in(Phase.ACCESS));
        assertThat(plain.parameter("system")).contains("mail [EMAIL]");
    }

    @Test
    void blockRefusesNamingTheKindsNeverTheValues() {
        Plugin p = plugin(Map.of("block_if_detected", true));
        SimpleChatRequest chat = new SimpleChatRequest("m").user("SSN 536-22-8726, mail jane@example.com, again x@y.io");
        FakePluginContext ctx = ctx(chat, "application/json");
        p.access(ctx.in(Phase.ACCESS));
        assertThat(ctx.exitStatus()).isEqualTo(400);
        assertThat(ctx.exitBody()).isEqualTo(Map.of("error", Map.of("message",
                "the request contains sensitive data (email, ssn) and was not sent", "type", "invalid_request_error",
                "code", "sensitive_data_detected")));
        assertThat(chat.changed()).isFalse();

        FakePluginContext clean = ctx(new SimpleChatRequest("m").user("nothing to see"), "application/json");
        p.access(clean.in(Phase.ACCESS));
        assertThat(clean.exitStatus()).isZero();
    }

    @Test
    void aCustomPatternThatRunsTooLongFailsTheRequestRatherThanLettingItThrough() {
        Plugin p = plugin(Map.of("anonymize", List.of("custom"),
                "custom_patterns", List.of(Map.of("name", "slow", "regex", "(.*a){20}"))));
        FakePluginContext ctx = ctx(new SimpleChatRequest("m").user("a".repeat(60) + "!"), "application/json");
        p.access(ctx.in(Phase.ACCESS));
        assertThat(ctx.exitStatus()).isEqualTo(500);
        assertThat(ctx.exitBody().toString()).contains("custom pattern 'slow' took too long", "sanitizer_pattern_too_slow");
    }

    @Test
    void aCustomPatternThatOverflowsTheStackFailsTheRequestWithTheSameNamedError() {
        Plugin p = plugin(Map.of("anonymize", List.of("custom"),
                "custom_patterns", List.of(Map.of("name", "deep", "regex", "(a|b)*c"))));
        FakePluginContext ctx = ctx(new SimpleChatRequest("m").user("ab".repeat(2_000)), "application/json");
        p.access(ctx.in(Phase.ACCESS));
        assertThat(ctx.exitStatus()).isEqualTo(500);
        assertThat(ctx.exitBody().toString()).contains("custom pattern 'deep' took too long", "sanitizer_pattern_too_slow");
    }

    @Test
    void theReadBudgetIsTheWholeRequestsNotEachMessages() {
        Plugin p = plugin(Map.of("anonymize", List.of("custom"),
                "custom_patterns", List.of(Map.of("name", "corp", "regex", "[a-z0-9.]+@corp\\.example"))));
        SimpleChatRequest chat = new SimpleChatRequest("m");
        for (int i = 0; i < 10_000; i++) {
            chat.user("a".repeat(700)); // quadratic for this pattern: ~250,000 reads each
        }
        FakePluginContext ctx = ctx(chat, "application/json");
        long start = System.nanoTime();
        p.access(ctx.in(Phase.ACCESS));
        assertThat(ctx.exitStatus()).isEqualTo(500);
        assertThat(ctx.exitBody().toString()).contains("sanitizer_pattern_too_slow");
        // 50M reads in all, not 50M per message (which took 30 s through the gateway)
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms").isLessThan(5_000);
    }

    @Test
    void withoutFindingsTheAnswerPassesUntouched() {
        Plugin p = plugin(Map.of());
        SimpleChatRequest chat = new SimpleChatRequest("m").user("Tell me a joke about version 1.2.3");
        FakePluginContext ctx = ctx(chat, "application/json");
        p.access(ctx.in(Phase.ACCESS));
        assertThat(chat.changed()).isFalse();
        p.headerFilter(ctx.in(Phase.HEADER_FILTER));
        byte[] chunk = "{\"x\":\"<EMAIL_1>\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(p.bodyFilter(ctx.in(Phase.BODY_FILTER), chunk, true)).isSameAs(chunk);
    }

    @Test
    void redactAndMaskModesNeedNoRestoring() {
        for (String mode : List.of("redact", "mask")) {
            Plugin p = plugin(Map.of("mode", mode));
            SimpleChatRequest chat = new SimpleChatRequest("m").user("jane@example.com");
            FakePluginContext ctx = ctx(chat, "application/json");
            p.access(ctx.in(Phase.ACCESS));
            assertThat(chat.messages().getFirst().content()).isIn("[EMAIL]", "j***@example.com");
            assertThat(ctx.upstreamHeaders()).containsKey("accept-encoding");
            p.headerFilter(ctx.in(Phase.HEADER_FILTER));
            byte[] chunk = "{}".getBytes(StandardCharsets.UTF_8);
            assertThat(p.bodyFilter(ctx.in(Phase.BODY_FILTER), chunk, true)).isSameAs(chunk);
        }
    }

    @Test
    void recoverRedactedOffLeavesThePlaceholdersInTheAnswer() {
        Plugin p = plugin(Map.of("recover_redacted", false));
        SimpleChatRequest chat = new SimpleChatRequest("m").user("jane@example.com");
        FakePluginContext ctx = ctx(chat, "application/json");
        p.access(ctx.in(Phase.ACCESS));
        assertThat(chat.messages().getFirst().content()).isEqualTo("<EMAIL_1>");
        String answer = "{\"content\":\"<EMAIL_1>\"}";
        assertThat(filterWhole(p, ctx, answer)).isEqualTo(answer);
    }

    @Test
    void scanResponseRedactsWhatTheModelAddsButNotTheClientsOwnValues() {
        Plugin p = plugin(Map.of("scan_response", true));
        SimpleChatRequest chat = new SimpleChatRequest("m").user("my mail is jane@example.com");
        FakePluginContext ctx = ctx(chat, "application/json");
        p.access(ctx.in(Phase.ACCESS));
        String answer = "{\"id\":\"a@b.io-not-prose\",\"choices\":[{\"message\":{\"content\":\"Hi <EMAIL_1>, write to "
                + "billing@vendor.example or call +1 415 555 0100.\"}}]}";
        assertThat(ctx.upstreamHeaders()).doesNotContainKey("accept-encoding");
        var json = Json.tryParseObject(filterWhole(p, ctx, answer));
        assertThat(json.at("/choices/0/message/content").asText())
                .isEqualTo("Hi jane@example.com, write to [EMAIL] or call [PHONE].");
        assertThat(json.path("id").asText()).isEqualTo("a@b.io-not-prose");
    }

    @Test
    void scanResponseAlsoRedactsStreamedAnswersWithoutAnyPlaceholder() {
        Plugin p = plugin(Map.of("scan_response", true, "mode", "redact"));
        SimpleChatRequest chat = new SimpleChatRequest("m").user("hello");
        FakePluginContext ctx = ctx(chat, "text/event-stream");
        p.access(ctx.in(Phase.ACCESS));
        String sse = new String(AnswerStreamTest.openAiStream("Write to help@vendor.example today", 3), StandardCharsets.UTF_8);
        assertThat(AnswerStreamTest.contentOf(filterWhole(p, ctx, sse).getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("Write to [EMAIL] today");
    }

    @Test
    void aCompressedAnswerIsLeftAlone() {
        Plugin p = plugin(Map.of());
        SimpleChatRequest chat = new SimpleChatRequest("m").user("jane@example.com");
        FakePluginContext ctx = FakePluginContext.builder().chat(chat)
                .upstreamResponse(200, Map.of("content-type", "application/json", "content-encoding", "gzip")).build();
        p.access(ctx.in(Phase.ACCESS));
        p.headerFilter(ctx.in(Phase.HEADER_FILTER));
        byte[] gz = {31, -117, 8, 0};
        assertThat(p.bodyFilter(ctx.in(Phase.BODY_FILTER), gz, true)).isSameAs(gz);
        assertThat(ctx.logLines()).anyMatch(l -> l.contains("gzip-encoded"));
    }

    @Test
    void aRequestThatIsNotAChatIsNotTouched() {
        Plugin p = plugin(Map.of());
        FakePluginContext ctx = FakePluginContext.builder().method("POST").body("{\"input\":\"jane@example.com\"}").build();
        p.access(ctx.in(Phase.ACCESS));
        assertThat(ctx.exitStatus()).isZero();
    }
}
