package dev.tollgate.mockllm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.mockllm.ContentGenerator.Completion;
import dev.tollgate.mockllm.ToolCalls.Choice;
import dev.tollgate.mockllm.ToolCalls.Tool;
import dev.tollgate.mockllm.ToolCalls.ToolCall;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

/** Anthropic's Messages API, {@code POST /v1/messages}, as JSON or as its named SSE events. */
final class AnthropicHandlers {

    private final AtomicLong ids = new AtomicLong();

    void messages(Exchange exchange) throws IOException {
        ChatRequest chat;
        try {
            chat = read(RequestJson.parseObject(exchange.request().body()));
        } catch (IllegalArgumentException e) {
            exchange.sendJson(400, ErrorBodies.anthropic(400, e.getMessage()));
            return;
        }
        String model = chat.model();
        boolean stream = chat.stream();
        Reply reply = chat.reply();
        int inputTokens = chat.promptTokens();
        long n = ids.incrementAndGet();
        String id = "msg_mock_" + n;
        String stopReason = switch (reply) {
            case ToolCall call -> "tool_use";
            case Completion completion -> completion.truncated() ? "max_tokens" : "end_turn";
        };
        ObjectNode block = Exchange.MAPPER.createObjectNode();
        switch (reply) {
            case Completion completion -> block.put("type", "text").put("text", stream ? "" : completion.text());
            // Streamed, the input starts empty and arrives as partial JSON.
            case ToolCall call -> block.put("type", "tool_use").put("id", "toolu_mock_" + n).put("name", call.name())
                    .set("input", stream ? Exchange.MAPPER.createObjectNode() : call.arguments());
        }
        if (!stream) {
            ObjectNode body = message(id, model);
            body.putArray("content").add(block);
            body.put("stop_reason", stopReason);
            body.putNull("stop_sequence");
            body.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", reply.tokens());
            exchange.sendJson(200, body);
            return;
        }
        boolean call = reply instanceof ToolCall;
        // message_start, content_block_start, (an empty input delta,) one delta per token,
        // content_block_stop, message_delta, message_stop
        EventStream sse = exchange.startSse(reply.tokens() + 5 + (call ? 1 : 0));
        chat.pace(sse);
        ObjectNode start = message(id, model);
        start.putArray("content");
        start.putNull("stop_reason");
        start.putNull("stop_sequence");
        start.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", 1);
        ObjectNode messageStart = Exchange.MAPPER.createObjectNode().put("type", "message_start");
        messageStart.set("message", start);
        sse.event("message_start", messageStart.toString());
        ObjectNode blockStart = Exchange.MAPPER.createObjectNode().put("type", "content_block_start").put("index", 0);
        blockStart.set("content_block", block);
        sse.event("content_block_start", blockStart.toString());
        if (call) {
            // Anthropic's own streams open a tool's input with an empty fragment.
            sse.event("content_block_delta", delta(true, ""));
        }
        sse.tokens(reply.tokens(), i -> sse.event("content_block_delta", delta(call, reply.piece(i))));
        sse.event("content_block_stop",
                Exchange.MAPPER.createObjectNode().put("type", "content_block_stop").put("index", 0).toString());
        ObjectNode messageDelta = Exchange.MAPPER.createObjectNode().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", reply.tokens());
        sse.event("message_delta", messageDelta.toString());
        sse.event("message_stop", "{\"type\":\"message_stop\"}");
        sse.close();
    }

    /** {@code model} and {@code max_tokens} are required, as Anthropic requires them. */
    private static ChatRequest read(ObjectNode request) {
        String model = RequestJson.requiredString(request, "model");
        OptionalInt maxTokens = RequestJson.positiveInt(request, "max_tokens", Integer.MAX_VALUE);
        if (maxTokens.isEmpty()) {
            throw new IllegalArgumentException("max_tokens: null (expected: an integer >= 1; it is required)");
        }
        Conversation conversation = Conversation.ofMessages(RequestJson.messages(request),
                ContentGenerator.text(request.get("system")), tools(request), toolChoice(request));
        return ChatRequest.of(request, model, conversation, RequestJson.bool(request, "stream"), maxTokens);
    }

    /** Custom tools (with an {@code input_schema}); Anthropic's server tools are skipped. */
    private static List<Tool> tools(JsonNode request) {
        List<Tool> tools = new ArrayList<>();
        JsonNode definitions = ToolCalls.array(request, "tools");
        for (int i = 0; i < definitions.size(); i++) {
            JsonNode definition = definitions.get(i);
            if (definition.path("type").asText("custom").equals("custom")) {
                tools.add(ToolCalls.tool(definition, "input_schema", "tools[" + i + "]"));
            }
        }
        return tools;
    }

    /** {@code {"type": "auto" | "any" | "none"}} or {@code {"type": "tool", "name": ..}}. */
    private static Choice toolChoice(JsonNode request) {
        JsonNode choice = request.path("tool_choice");
        return switch (choice.path("type").asText("auto")) {
            case "none" -> Choice.NONE;
            case "tool" -> Choice.named(choice.path("name").asText());
            case "auto", "any" -> Choice.AUTO;
            default -> throw new IllegalArgumentException(
                    "tool_choice: " + choice + " (expected: type auto, any, tool or none)");
        };
    }

    private static String delta(boolean toolInput, String piece) {
        ObjectNode delta = Exchange.MAPPER.createObjectNode().put("type", "content_block_delta").put("index", 0);
        if (toolInput) {
            delta.putObject("delta").put("type", "input_json_delta").put("partial_json", piece);
        } else {
            delta.putObject("delta").put("type", "text_delta").put("text", piece);
        }
        return delta.toString();
    }

    private static ObjectNode message(String id, String model) {
        return Exchange.MAPPER.createObjectNode()
                .put("id", id).put("type", "message").put("role", "assistant").put("model", model);
    }
}
