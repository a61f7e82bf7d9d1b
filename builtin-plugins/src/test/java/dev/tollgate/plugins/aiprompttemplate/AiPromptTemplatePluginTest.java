package dev.tollgate.plugins.aiprompttemplate;

import static dev.tollgate.commons.aiprompt.ChatRequests.access;
import static dev.tollgate.commons.aiprompt.ChatRequests.body;
import static dev.tollgate.commons.aiprompt.ChatRequests.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.commons.aiprompt.PromptRequests;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.testkit.FakePluginContext;
import org.junit.jupiter.api.Test;

/** What the upstream gets, or the client hears, for template references and other requests. */
class AiPromptTemplatePluginTest {
    private static final String DEV = "{\"messages\":[{\"role\":\"system\",\"content\":\"You are a {{language}} expert.\"},"
            + "{\"role\":\"user\",\"content\":\"Write me a {{program}} program.\"}]}";
    private static final String PINNED = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"{{q}}\"}]}";

    static Plugin plugin(boolean allowUntemplated) {
        var factory = new AiPromptTemplatePluginFactory();
        return factory.create(factory.configSchema().validate(Map.of("allow_untemplated_requests", allowUntemplated,
                "templates", List.of(Map.of("name", "developer-chat", "template", DEV),
                        Map.of("name", "pinned", "template", PINNED),
                        Map.of("name", "completion", "template", "{\"prompt\":\"Explain {{thing}}.\"}")))));
    }

    private static JsonNode upstream(FakePluginContext ctx) {
        assertThat(ctx.exitStatus()).as("exit body: %s", ctx.exitBody()).isZero();
        assertThat(ctx.upstreamHeaders().get("content-type")).containsExactly("application/json");
        return Json.parseObject(ctx.upstreamBody());
    }

    private static void refused(FakePluginContext ctx, String message) {
        assertThat(ctx.exitStatus()).isEqualTo(400);
        assertThat(ctx.exitBody()).isEqualTo(error(message, "prompt_template"));
    }

    @Test
    void aMessagesReferenceIsReplacedByTheRenderedTemplate() {
        FakePluginContext ctx = access(plugin(true), body("{\"messages\":\"{template://developer-chat}\","
                + "\"properties\":{\"language\":\"Python\",\"program\":\"fizzbuzz\"}}"));
        JsonNode sent = upstream(ctx);
        assertThat(sent.at("/messages/0/content").asText()).isEqualTo("You are a Python expert.");
        assertThat(sent.at("/messages/1/content").asText()).isEqualTo("Write me a fizzbuzz program.");
        assertThat(sent.has("properties")).isFalse();
    }

    @Test
    void aPromptReferenceWorksToo() {
        JsonNode sent = upstream(access(plugin(true), body("{\"prompt\":\"{template://completion}\",\"properties\":{\"thing\":\"gravity\"}}")));
        assertThat(Json.string(sent)).isEqualTo("{\"prompt\":\"Explain gravity.\"}");
    }

    @Test
    void numbersAndBooleansAreFilledInAsText() {
        JsonNode sent = upstream(access(plugin(true), body("{\"messages\":\"{template://developer-chat}\","
                + "\"properties\":{\"language\":3.5,\"program\":true}}")));
        assertThat(sent.at("/messages/0/content").asText()).isEqualTo("You are a 3.5 expert.");
        assertThat(sent.at("/messages/1/content").asText()).isEqualTo("Write me a true program.");
    }

    @Test
    void theClientMayAskForStreamingAndAModelButTheTemplatesFieldsWin() {
        JsonNode free = upstream(access(plugin(true), body("{\"messages\":\"{template://developer-chat}\",\"model\":\"gpt-4o\","
                + "\"stream\":true,\"stream_options\":{\"include_usage\":true},\"temperature\":2,\"tools\":[],"
                + "\"properties\":{\"language\":\"Go\",\"program\":\"cat\"}}")));
        assertThat(free.get("model").asText()).isEqualTo("gpt-4o");
        assertThat(free.get("stream").asBoolean()).isTrue();
        assertThat(free.at("/stream_options/include_usage").asBoolean()).isTrue();
        assertThat(free.has("temperature")).as("only how to answer is kept, never prompt content or tools").isFalse();
        assertThat(free.has("tools")).isFalse();

        JsonNode pinned = upstream(access(plugin(true), body("{\"messages\":\"{template://pinned}\",\"model\":\"gpt-4o\","
                + "\"properties\":{\"q\":\"hi\"}}")));
        assertThat(pinned.get("model").asText()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void anUnknownTemplateIsNamed() {
        refused(access(plugin(true), body("{\"messages\":\"{template://nope}\"}")), "could not find template name [nope]");
    }

    @Test
    void missingPropertiesAreNamed() {
        refused(access(plugin(true), body("{\"messages\":\"{template://developer-chat}\",\"properties\":{\"program\":\"x\"}}")),
                "missing template parameters: [language]");
        refused(access(plugin(true), body("{\"messages\":\"{template://developer-chat}\"}")),
                "missing template parameters: [language], [program]");
    }

    @Test
    void propertiesMustBeAnObjectOfScalars() {
        refused(access(plugin(true), body("{\"messages\":\"{template://developer-chat}\",\"properties\":[\"Go\"]}")),
                AiPromptTemplatePlugin.PROPERTIES_NOT_OBJECT);
        refused(access(plugin(true), body("{\"messages\":\"{template://developer-chat}\",\"properties\":"
                + "{\"language\":{\"nested\":1},\"program\":\"x\"}}")),
                "properties.language: {\"nested\":1} (expected: a string, number or boolean)");
        refused(access(plugin(true), body("{\"messages\":\"{template://developer-chat}\",\"properties\":"
                + "{\"language\":null,\"program\":\"x\"}}")),
                "properties.language: null (expected: a string, number or boolean)");
    }

    @Test
    void untemplatedRequestsPassUntouchedByDefault() {
        String chat = "{\"messages\":[{\"role\":\"user\",\"content\":\"{template://developer-chat}\"}]}";
        for (String request : List.of(chat, "{\"messages\":\"{template://}\"}", "{\"prompt\":\"template://x\"}",
                "{\"messages\":\"{template://developer-chat} \"}")) {
            FakePluginContext ctx = access(plugin(true), body(request));
            assertThat(ctx.exitStatus()).as(request).isZero();
            assertThat(ctx.upstreamBody()).as(request).isEqualTo(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void untemplatedRequestsAreRefusedWhenTheRouteOnlyServesTemplates() {
        refused(access(plugin(false), body("{\"messages\":[{\"role\":\"user\",\"content\":\"anything\"}]}")),
                AiPromptTemplatePlugin.UNTEMPLATED);
        assertThat(upstream(access(plugin(false), body("{\"messages\":\"{template://pinned}\",\"properties\":{\"q\":\"hi\"}}")))
                .at("/messages/0/content").asText()).isEqualTo("hi");
    }

    @Test
    void requestsItCannotReadAreRefusedInKongsWords() {
        refused(access(plugin(true), body("not json")), PromptRequests.NOT_JSON);
        refused(access(plugin(true), body("[\"{template://pinned}\"]")), PromptRequests.NOT_JSON);
        refused(access(plugin(true), body("{\"input\":\"embed\"}")), AiPromptTemplatePlugin.NEITHER);
        refused(access(plugin(true), body("{\"messages\":\"{template://pinned}\",\"prompt\":\"x\"}")), AiPromptTemplatePlugin.BOTH);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() {
        var factory = new AiPromptTemplatePluginFactory();
        Plugin small = factory.create(factory.configSchema().validate(Map.of("max_request_body_size", 64,
                "templates", List.of(Map.of("name", "pinned", "template", PINNED)))));
        FakePluginContext ctx = access(small, body("{\"messages\":\"{template://pinned}\",\"properties\":{\"q\":\""
                + "x".repeat(100) + "\"}}"));
        assertThat(ctx.exitStatus()).isEqualTo(413);
        assertThat(ctx.exitBody().toString()).contains("request_too_large");
    }
}
