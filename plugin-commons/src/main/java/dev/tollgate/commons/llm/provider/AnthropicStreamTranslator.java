package dev.tollgate.commons.llm.provider;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.TokenUsage;
import dev.tollgate.commons.llm.sse.SseEvent;

/**
 * Anthropic's streamed message as OpenAI chunks. Anthropic numbers content blocks (text and
 * tool_use alike); OpenAI numbers tool calls only, so each tool_use block gets the next tool call
 * index. An {@code error} event becomes OpenAI's in-stream error object
 * {@code {"error":{"message","type","code"}}}, which OpenAI's SDKs raise as an API error.
 */
final class AnthropicStreamTranslator implements StreamTranslator {
    private final String requestedModel;
    private final long created = Instant.now().getEpochSecond();
    private final Map<Integer, Integer> toolCallOfBlock = new HashMap<>();
    private String id;
    private String model;
    /** Anthropic's usage so far: message_start's, then each message_delta's fields over it. */
    private ObjectNode usage;
    private boolean done;

    AnthropicStreamTranslator(String requestedModel) {
        this.requestedModel = requestedModel;
    }

    @Override
    public List<ObjectNode> onEvent(SseEvent event) {
        ObjectNode data = Json.tryParseObject(event.data());
        if (data == null) {
            return List.of();
        }
        String type = OpenAiErrors.text(data, "type");
        return switch (type == null ? event.event().orElse("") : type) {
            case "message_start" -> start(data.path("message"));
            case "content_block_start" -> blockStart(data.path("index").asInt(), data.path("content_block"));
            case "content_block_delta" -> blockDelta(data.path("index").asInt(), data.path("delta"));
            case "message_delta" -> messageDelta(data);
            case "message_stop" -> {
                done = true;
                yield List.of();
            }
            // a stream that fails after its 200 has no status; 500 is what the type is read against
            case "error" -> List.of(AnthropicResponses.error(500, event.data().getBytes(StandardCharsets.UTF_8)));
            default -> List.of(); // ping, content_block_stop, and event types added later
        };
    }

    private List<ObjectNode> start(JsonNode message) {
        if (message.path("id").isTextual()) {
            id = message.get("id").asText();
        }
        if (message.path("model").isTextual()) {
            model = message.get("model").asText();
        }
        mergeUsage(message.get("usage"));
        ObjectNode delta = Json.object().put("role", "assistant").put("content", "");
        return List.of(chunk(delta, null));
    }

    private List<ObjectNode> blockStart(int index, JsonNode block) {
        switch (block.path("type").asText()) {
            case "text" -> {
                return text(block.path("text").asText(""));
            }
            case "tool_use" -> {
                int call = toolCallOfBlock.size();
                toolCallOfBlock.put(index, call);
                JsonNode input = block.get("input");
                // the input is {} at the start and arrives as input_json_delta fragments
                String arguments = input != null && input.isObject() && !input.isEmpty() ? Json.string(input) : "";
                ObjectNode toolCall = AnthropicResponses.toolCall(Json.object().put("index", call),
                        block.path("id").asText(), block.path("name").asText(), arguments);
                return List.of(toolCalls(toolCall));
            }
            default -> {
                return List.of(); // thinking and server tool blocks have no OpenAI form
            }
        }
    }

    private List<ObjectNode> blockDelta(int index, JsonNode delta) {
        switch (delta.path("type").asText()) {
            case "text_delta" -> {
                return text(delta.path("text").asText(""));
            }
            case "input_json_delta" -> {
                Integer call = toolCallOfBlock.get(index);
                String fragment = delta.path("partial_json").asText("");
                if (call == null || fragment.isEmpty()) {
                    return List.of();
                }
                ObjectNode toolCall = Json.object().put("index", call);
                toolCall.putObject("function").put("arguments", fragment);
                return List.of(toolCalls(toolCall));
            }
            default -> {
                return List.of(); // thinking_delta, signature_delta, citations_delta
            }
        }
    }

    private List<ObjectNode> messageDelta(JsonNode data) {
        mergeUsage(data.get("usage"));
        String finish = AnthropicFormat.finishReason(OpenAiErrors.text(data.path("delta"), "stop_reason"));
        return finish == null ? List.of() : List.of(chunk(Json.object(), finish));
    }

    /** message_delta's counts are cumulative, so a field it carries replaces message_start's. */
    private void mergeUsage(JsonNode fields) {
        if (fields == null || !fields.isObject()) {
            return;
        }
        if (usage == null) {
            usage = Json.object();
        }
        fields.properties().forEach(e -> {
            if (e.getValue().isNumber()) {
                usage.set(e.getKey(), e.getValue());
            }
        });
    }

    private List<ObjectNode> text(String text) {
        return text.isEmpty() ? List.of() : List.of(chunk(Json.object().put("content", text), null));
    }

    private ObjectNode toolCalls(ObjectNode toolCall) {
        ObjectNode delta = Json.object();
        delta.putArray("tool_calls").add(toolCall);
        return chunk(delta, null);
    }

    private ObjectNode chunk(ObjectNode delta, String finishReason) {
        if (id == null) {
            id = "msg_" + UUID.randomUUID().toString().replace("-", ""); // a stream without message_start
        }
        ObjectNode chunk = Json.object().put("id", id).put("object", "chat.completion.chunk").put("created", created);
        chunk.put("model", model != null ? model : requestedModel);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    @Override
    public boolean done() {
        return done;
    }

    @Override
    public Optional<TokenUsage> usage() {
        return AnthropicFormat.usageOf(usage);
    }

    @Override
    public Optional<String> model() {
        return Optional.ofNullable(model);
    }
}
