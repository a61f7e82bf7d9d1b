package dev.tollgate.commons.llm.provider;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.TokenUsage;

/**
 * Answers in OpenAI's format, for the providers whose answers are translated: the
 * {@code chat.completion} object, its chunks, tool calls, usage and the embeddings list.
 */
public final class OpenAiAnswers {
    private static final char[] ALPHANUMERIC =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private OpenAiAnswers() {
    }

    /** A fresh {@code chatcmpl-…} id, for providers that give none of their own. */
    public static String completionId() {
        return "chatcmpl-" + random(24);
    }

    /** A fresh tool call id ({@code call_…}): clients send it back with the tool's result. */
    public static String toolCallId() {
        return "call_" + random(24);
    }

    public static long now() {
        return Instant.now().getEpochSecond();
    }

    /** A {@code chat.completion} with its choices and usage. */
    public static ObjectNode completion(String id, long created, String model, List<ObjectNode> choices,
                                        TokenUsage usage) {
        ObjectNode root = Json.object();
        root.put("id", id);
        root.put("object", "chat.completion");
        root.put("created", created);
        root.put("model", model);
        root.putArray("choices").addAll(choices);
        root.set("usage", usage(usage));
        return root;
    }

    /** One choice of a {@code chat.completion}. */
    public static ObjectNode choice(int index, ObjectNode message, String finishReason) {
        ObjectNode choice = Json.object();
        choice.put("index", index);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return choice;
    }

    /**
     * An assistant message. OpenAI sends {@code content: null} beside tool calls; otherwise the
     * text, empty rather than null so that clients reading it as a string do not fail.
     */
    public static ObjectNode assistantMessage(String content, ArrayNode toolCalls) {
        ObjectNode message = Json.object();
        message.put("role", "assistant");
        boolean calls = toolCalls != null && !toolCalls.isEmpty();
        if (content == null || (content.isEmpty() && calls)) {
            if (calls) {
                message.putNull("content");
            } else {
                message.put("content", "");
            }
        } else {
            message.put("content", content);
        }
        if (calls) {
            message.set("tool_calls", toolCalls);
        }
        return message;
    }

    /** A function tool call; {@code arguments} is the JSON text of the arguments, as OpenAI sends it. */
    public static ObjectNode toolCall(String id, String name, String arguments) {
        ObjectNode call = Json.object();
        call.put("id", id);
        call.put("type", "function");
        ObjectNode function = call.putObject("function");
        function.put("name", name);
        function.put("arguments", arguments);
        return call;
    }

    /** One {@code chat.completion.chunk} with a single choice. */
    public static ObjectNode chunk(String id, long created, String model, int index, ObjectNode delta,
                                   String finishReason) {
        ObjectNode root = Json.object();
        root.put("id", id);
        root.put("object", "chat.completion.chunk");
        root.put("created", created);
        root.put("model", model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", index);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return root;
    }

    /** OpenAI's {@code usage} object. */
    public static ObjectNode usage(TokenUsage usage) {
        ObjectNode node = Json.object();
        node.put("prompt_tokens", usage.promptTokens());
        node.put("completion_tokens", usage.completionTokens());
        node.put("total_tokens", usage.totalTokens());
        if (usage.cachedPromptTokens() > 0) {
            node.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedPromptTokens());
        }
        if (usage.reasoningTokens() > 0) {
            node.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        }
        return node;
    }

    /** The embeddings list: one {@code embedding} object a vector, in input order. */
    public static ObjectNode embeddings(String model, List<? extends JsonNode> vectors, long promptTokens) {
        ObjectNode root = Json.object();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (int i = 0; i < vectors.size(); i++) {
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            item.put("index", i);
            item.set("embedding", vectors.get(i));
        }
        root.put("model", model);
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("total_tokens", promptTokens);
        return root;
    }

    private static String random(int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)];
        }
        return new String(out);
    }
}
