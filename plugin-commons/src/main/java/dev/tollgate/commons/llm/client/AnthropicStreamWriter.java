package dev.tollgate.commons.llm.client;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.TokenUsage;
import dev.tollgate.commons.llm.provider.AnthropicFormat;
import dev.tollgate.commons.llm.provider.OpenAiProvider;
import dev.tollgate.commons.llm.sse.SseEvent;

/**
 * Writes one streamed OpenAI answer as Anthropic's server-sent events, chunk by chunk:
 * {@code message_start}, then per content block {@code content_block_start},
 * {@code content_block_delta}s and {@code content_block_stop}, then {@code message_delta} (stop
 * reason, usage) and {@code message_stop}. Each event's name equals its {@code type}, as
 * Anthropic's SDKs dispatch on either.
 *
 * <p>OpenAI sends text as {@code content} deltas and each tool call as a run of {@code tool_calls}
 * deltas with one index, so each run becomes one block and a new run closes the block before it.
 * A tool block always gets an {@code input_json_delta}, since Anthropic's SDKs build the tool
 * input from those deltas alone.
 *
 * <p>One writer per stream; not thread-safe.
 */
public final class AnthropicStreamWriter {
    private static final byte[] NOTHING = new byte[0];

    private final String requestedModel;
    private final long promptTokensHint;
    private final Map<Integer, Integer> blockOfToolCall = new HashMap<>();
    private boolean started;
    private boolean finished;
    private int blocks;
    /** The block being written, or -1. */
    private int open = -1;
    private boolean openIsTool;
    private boolean openHasInput;
    private String finishReason;
    private TokenUsage usage;

    AnthropicStreamWriter(String requestedModel, long promptTokensHint) {
        this.requestedModel = requestedModel == null ? "" : requestedModel;
        this.promptTokensHint = Math.max(0, promptTokensHint);
    }

    /** The events for one OpenAI {@code chat.completion.chunk} (or the in-stream {@code {"error":…}} object). */
    public byte[] chunk(ObjectNode chunk) {
        if (finished) {
            return NOTHING;
        }
        if (chunk.get("error") instanceof ObjectNode) {
            return error(0, chunk);
        }
        StringBuilder out = new StringBuilder(256);
        start(chunk, out);
        JsonNode chunkUsage = chunk.get("usage");
        if (chunkUsage != null && !chunkUsage.isNull()) {
            OpenAiProvider.usageOf(chunkUsage).ifPresent(u -> usage = u);
        }
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        text(delta.path("content").asText(""), out);
        text(delta.path("refusal").asText(""), out);
        for (JsonNode call : delta.path("tool_calls")) {
            toolCall(call, out);
        }
        if (choice.path("finish_reason").isTextual()) {
            finishReason = choice.get("finish_reason").asText();
        }
        return bytes(out);
    }

    /**
     * The closing events: the open block's stop, {@code message_delta} with the stop reason and
     * the usage ({@code usage} when given, else what the chunks carried), {@code message_stop}.
     */
    public byte[] finish(Optional<TokenUsage> usage) {
        if (finished) {
            return NOTHING;
        }
        usage.ifPresent(u -> this.usage = u);
        StringBuilder out = new StringBuilder(256);
        start(Json.object(), out);
        close(out);
        ObjectNode messageDelta = Json.object().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", AnthropicFormat.stopReason(finishReason))
                .putNull("stop_sequence");
        // usage here is cumulative and carries input_tokens: the stream learned them only now
        messageDelta.set("usage", this.usage == null ? Json.object().put("output_tokens", 0)
                : AnthropicFormat.usage(this.usage));
        event(out, messageDelta);
        event(out, Json.object().put("type", "message_stop"));
        finished = true;
        return bytes(out);
    }

    /** An {@code error} event, which ends the stream: Anthropic's SDKs raise it as an API error. */
    public byte[] error(int status, ObjectNode openAiError) {
        if (finished) {
            return NOTHING;
        }
        finished = true;
        StringBuilder out = new StringBuilder(128);
        event(out, AnthropicClientResponses.error(status, openAiError));
        return bytes(out);
    }

    /** True once {@link #finish} or {@link #error} wrote the end of the stream. */
    public boolean finished() {
        return finished;
    }

    private void start(JsonNode chunk, StringBuilder out) {
        if (started) {
            return;
        }
        started = true;
        String model = chunk.path("model").asText("");
        ObjectNode message = AnthropicClientResponses.start(chunk.path("id").asText(null),
                model.isEmpty() ? requestedModel : model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.set("usage", AnthropicFormat.usage(new TokenUsage(promptTokensHint, 0, 0)));
        ObjectNode messageStart = Json.object().put("type", "message_start");
        messageStart.set("message", message);
        event(out, messageStart);
    }

    private void text(String text, StringBuilder out) {
        if (text.isEmpty()) {
            return;
        }
        if (open < 0 || openIsTool) {
            close(out);
            ObjectNode block = Json.object().put("type", "text").put("text", "");
            open(block, false, out);
        }
        ObjectNode delta = Json.object().put("type", "text_delta").put("text", text);
        event(out, blockEvent("content_block_delta", open).set("delta", delta));
    }

    private void toolCall(JsonNode call, StringBuilder out) {
        int index = call.path("index").asInt(0);
        JsonNode function = call.path("function");
        Integer block = blockOfToolCall.get(index);
        if (block == null) {
            close(out);
            String id = call.path("id").asText("");
            ObjectNode toolUse = Json.object().put("type", "tool_use")
                    .put("id", id.isEmpty() ? "toolu_" + blocks : id)
                    .put("name", function.path("name").asText(""));
            toolUse.putObject("input");
            block = open(toolUse, true, out);
            blockOfToolCall.put(index, block);
        }
        String arguments = function.path("arguments").asText("");
        if (!arguments.isEmpty()) {
            inputDelta(block, arguments, out);
        }
    }

    private int open(ObjectNode contentBlock, boolean tool, StringBuilder out) {
        open = blocks++;
        openIsTool = tool;
        openHasInput = false;
        event(out, blockEvent("content_block_start", open).set("content_block", contentBlock));
        return open;
    }

    /** A late fragment of an earlier tool call still goes to its own block: the data is not lost. */
    private void inputDelta(int block, String partialJson, StringBuilder out) {
        if (block == open) {
            openHasInput = true;
        }
        ObjectNode delta = Json.object().put("type", "input_json_delta").put("partial_json", partialJson);
        event(out, blockEvent("content_block_delta", block).set("delta", delta));
    }

    private void close(StringBuilder out) {
        if (open < 0) {
            return;
        }
        if (openIsTool && !openHasInput) {
            inputDelta(open, "{}", out); // a call without arguments
        }
        event(out, blockEvent("content_block_stop", open));
        open = -1;
    }

    private static ObjectNode blockEvent(String type, int index) {
        return Json.object().put("type", type).put("index", index);
    }

    private static void event(StringBuilder out, ObjectNode data) {
        out.append(SseEvent.of(data.get("type").asText(), Json.string(data)).toWire());
    }

    private static byte[] bytes(StringBuilder out) {
        return out.isEmpty() ? NOTHING : out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
