package dev.tollgate.commons.aiprompt;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.llm.ChatMessage;
import dev.tollgate.sdk.testkit.FakePluginContext;
import dev.tollgate.sdk.testkit.SimpleChatRequest;

/** Requests for the prompt plugins' tests: a chat view and the same request as the JSON body, as the gateway gives both. */
public final class ChatRequests {
    private ChatRequests() {
    }

    /** A POST whose body is {@code chat} as JSON and whose chat view is {@code chat}. */
    public static FakePluginContext chat(SimpleChatRequest chat) {
        return FakePluginContext.builder().method("POST").header("Content-Type", "application/json")
                .body(json(chat)).chat(chat).build().in(Phase.ACCESS);
    }

    /** A POST with {@code body} and no chat view (the body is not a chat request). */
    public static FakePluginContext body(String body) {
        return FakePluginContext.builder().method("POST").header("Content-Type", "application/json")
                .body(body).build().in(Phase.ACCESS);
    }

    /** Runs {@code plugin}'s access phase on {@code ctx} and returns it. */
    public static FakePluginContext access(Plugin plugin, FakePluginContext ctx) {
        plugin.access(ctx);
        return ctx;
    }

    /** OpenAI's error body the plugins refuse with. */
    public static Map<String, Object> error(String message, String code) {
        return PromptRequests.error(message, code);
    }

    /** {@code chat} as an OpenAI request body. */
    public static String json(SimpleChatRequest chat) {
        ObjectNode root = Json.object();
        chat.model().ifPresent(m -> root.put("model", m));
        ArrayNode messages = root.putArray("messages");
        for (ChatMessage m : chat.messages()) {
            messages.addObject().put("role", m.role()).put("content", m.content());
        }
        return Json.string(root);
    }
}
