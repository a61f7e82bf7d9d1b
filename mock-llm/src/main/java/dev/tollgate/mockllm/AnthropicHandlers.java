package dev.tollgate.mockllm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.mockllm.ContentGenerator.Completion;
import java.io.IOException;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

/** Anthropic's Messages API, {@code POST /v1/messages}, as JSON or as its named SSE events. */
final class AnthropicHandlers {

    private final AtomicLong ids = new AtomicLong();

    void messages(Exchange exchange) throws IOException {
        Conversation conversation;
        String model;
        boolean stream;
        OptionalInt maxTokens;
        OptionalInt wanted;
        try {
            ObjectNode request = RequestJson.parseObject(exchange.request().body());
            if (!request.path("model").isTextual()) {
                throw new IllegalArgumentException("model: " + RequestJson.brief(request.get("model"))
                        + " (expected: a string; it is required)");
            }
            model = request.get("model").asText();
            maxTokens = RequestJson.positiveInt(request, "max_tokens", Integer.MAX_VALUE);
            if (maxTokens.isEmpty()) {
                throw new IllegalArgumentException("max_tokens: null (expected: an integer >= 1; it is required)");
            }
            conversation = Conversation.ofMessages(
                    RequestJson.messages(request), ContentGenerator.text(request.get("system")));
            stream = RequestJson.bool(request, "stream");
            wanted = RequestJson.positiveInt(request, "mock_tokens", RequestJson.MAX_MOCK_TOKENS);
        } catch (IllegalArgumentException e) {
            exchange.sendJson(400, ErrorBodies.anthropic(400, e.getMessage()));
            return;
        }
        Completion completion = conversation.answer(wanted, maxTokens);
        int inputTokens = conversation.promptTokens();
        String id = "msg_mock_" + ids.incrementAndGet();
        String stopReason = completion.truncated() ? "max_tokens" : "end_turn";
        if (!stream) {
            ObjectNode body = message(id, model);
            body.putArray("content").addObject().put("type", "text").put("text", completion.text());
            body.put("stop_reason", stopReason);
            body.putNull("stop_sequence");
            body.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", completion.tokens());
            exchange.sendJson(200, body);
            return;
        }
        // message_start, content_block_start, one delta per word, content_block_stop, message_delta, message_stop
        SseStream sse = exchange.startSse(completion.tokens() + 5);
        ObjectNode start = message(id, model);
        start.putArray("content");
        start.putNull("stop_reason");
        start.putNull("stop_sequence");
        start.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", 1);
        ObjectNode messageStart = Exchange.MAPPER.createObjectNode().put("type", "message_start");
        messageStart.set("message", start);
        sse.event("message_start", messageStart.toString());
        ObjectNode blockStart = Exchange.MAPPER.createObjectNode().put("type", "content_block_start").put("index", 0);
        blockStart.putObject("content_block").put("type", "text").put("text", "");
        sse.event("content_block_start", blockStart.toString());
        sse.tokens(completion.tokens(), i -> {
            ObjectNode delta = Exchange.MAPPER.createObjectNode().put("type", "content_block_delta").put("index", 0);
            delta.putObject("delta").put("type", "text_delta").put("text", completion.piece(i));
            sse.event("content_block_delta", delta.toString());
        });
        sse.event("content_block_stop",
                Exchange.MAPPER.createObjectNode().put("type", "content_block_stop").put("index", 0).toString());
        ObjectNode messageDelta = Exchange.MAPPER.createObjectNode().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", completion.tokens());
        sse.event("message_delta", messageDelta.toString());
        sse.event("message_stop", "{\"type\":\"message_stop\"}");
        sse.close();
    }

    private static ObjectNode message(String id, String model) {
        return Exchange.MAPPER.createObjectNode()
                .put("id", id).put("type", "message").put("role", "assistant").put("model", model);
    }
}
