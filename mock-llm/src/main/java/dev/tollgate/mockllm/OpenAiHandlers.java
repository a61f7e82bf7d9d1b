package dev.tollgate.mockllm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.mockllm.ContentGenerator.Completion;
import dev.tollgate.mockllm.ToolCalls.Choice;
import dev.tollgate.mockllm.ToolCalls.Tool;
import dev.tollgate.mockllm.ToolCalls.ToolCall;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

/** OpenAI's chat completions (JSON and SSE) and models list; embeddings live in {@link Embeddings}. */
final class OpenAiHandlers {

    static final String DEFAULT_MODEL = "mock-gpt";
    static final String[] MODELS = {"mock-gpt", "mock-gpt-mini", "mock-embedding", "mock-claude"};

    private final AtomicLong ids = new AtomicLong();

    void chat(Exchange exchange) throws IOException {
        ChatRequest chat;
        boolean includeUsage;
        boolean omitUsage = FailureInjector.isSet(exchange.request(), FailureInjector.NO_USAGE_HEADER);
        try {
            ObjectNode request = RequestJson.parseObject(exchange.request().body());
            chat = read(request);
            // The header wins over the request, so a test can check that a gateway counts tokens itself.
            includeUsage = RequestJson.bool(request.path("stream_options"), "include_usage") && !omitUsage;
        } catch (IllegalArgumentException e) {
            exchange.sendJson(400, ErrorBodies.openAi(400, e.getMessage()));
            return;
        }
        String model = chat.model();
        Reply reply = chat.reply();
        int promptTokens = chat.promptTokens();
        long n = ids.incrementAndGet();
        String id = "chatcmpl-mock-" + n;
        String callId = "call_mock_" + n;
        long created = Instant.now().getEpochSecond();
        String finishReason = switch (reply) {
            case ToolCall call -> "tool_calls";
            case Completion completion -> completion.truncated() ? "length" : "stop";
        };
        if (!chat.stream()) {
            ObjectNode message = Exchange.MAPPER.createObjectNode().put("role", "assistant");
            switch (reply) {
                case Completion completion -> message.put("content", completion.text());
                case ToolCall call -> message.putNull("content").putArray("tool_calls")
                        .add(toolCall(callId, call.name(), call.argumentsJson()));
            }
            message.putNull("refusal");
            ObjectNode choice = Exchange.MAPPER.createObjectNode().put("index", 0);
            choice.set("message", message);
            choice.putNull("logprobs");
            choice.put("finish_reason", finishReason);
            ObjectNode body = envelope(id, "chat.completion", created, model);
            body.putArray("choices").add(choice);
            if (!omitUsage) {
                body.set("usage", usage(promptTokens, reply.tokens()));
            }
            exchange.sendJson(200, body);
            return;
        }
        // role chunk + one per token + finish chunk (+ usage chunk) + [DONE]
        EventStream sse = exchange.startSse(reply.tokens() + 3 + (includeUsage ? 1 : 0));
        chat.pace(sse);
        ObjectNode roleDelta = Exchange.MAPPER.createObjectNode().put("role", "assistant");
        switch (reply) {
            case Completion completion -> roleDelta.put("content", "");
            // As OpenAI streams a call: its id and name first, then the arguments in pieces.
            case ToolCall call -> roleDelta.putNull("content").putArray("tool_calls")
                    .add(toolCall(callId, call.name(), "").put("index", 0));
        }
        sse.data(chunk(id, created, model, roleDelta, null, includeUsage));
        sse.tokens(reply.tokens(), i -> {
            ObjectNode delta = Exchange.MAPPER.createObjectNode();
            switch (reply) {
                case Completion completion -> delta.put("content", reply.piece(i));
                case ToolCall call -> delta.putArray("tool_calls").addObject().put("index", 0)
                        .putObject("function").put("arguments", reply.piece(i));
            }
            sse.data(chunk(id, created, model, delta, null, includeUsage));
        });
        sse.data(chunk(id, created, model, Exchange.MAPPER.createObjectNode(), finishReason, includeUsage));
        if (includeUsage) {
            ObjectNode last = envelope(id, "chat.completion.chunk", created, model);
            last.putArray("choices");
            last.set("usage", usage(promptTokens, reply.tokens()));
            sse.data(last.toString());
        }
        sse.data("[DONE]");
        sse.close();
    }

    void embeddings(Exchange exchange) {
        Embeddings.answer(exchange);
    }

    void models(Exchange exchange) {
        ObjectNode body = Exchange.MAPPER.createObjectNode().put("object", "list");
        ArrayNode data = body.putArray("data");
        for (String model : MODELS) {
            data.addObject().put("id", model).put("object", "model").put("created", 1_700_000_000L)
                    .put("owned_by", "tollgate-mock");
        }
        exchange.sendJson(200, body);
    }

    private static ChatRequest read(ObjectNode request) {
        OptionalInt maxTokens = RequestJson.positiveInt(request, "max_completion_tokens", Integer.MAX_VALUE);
        if (maxTokens.isEmpty()) {
            maxTokens = RequestJson.positiveInt(request, "max_tokens", Integer.MAX_VALUE);
        }
        Conversation conversation = Conversation.ofMessages(
                RequestJson.messages(request), "", tools(request), toolChoice(request));
        return ChatRequest.of(request, RequestJson.string(request, "model", DEFAULT_MODEL), conversation,
                RequestJson.bool(request, "stream"), maxTokens);
    }

    /** The function tools of an OpenAI-style {@code tools} array (Ollama's too); other kinds are skipped. */
    static List<Tool> tools(JsonNode request) {
        List<Tool> tools = new ArrayList<>();
        JsonNode definitions = ToolCalls.array(request, "tools");
        for (int i = 0; i < definitions.size(); i++) {
            JsonNode definition = definitions.get(i);
            if (definition.path("type").asText("function").equals("function")) {
                tools.add(ToolCalls.tool(definition.path("function"), "parameters", "tools[" + i + "].function"));
            }
        }
        return tools;
    }

    /** {@code "none"}, {@code "auto"}, {@code "required"} or {@code {"type":"function","function":{"name":..}}}. */
    private static Choice toolChoice(JsonNode request) {
        JsonNode choice = request.path("tool_choice");
        if (choice.isTextual()) {
            return switch (choice.asText()) {
                case "none" -> Choice.NONE;
                case "auto", "required" -> Choice.AUTO;
                default -> throw new IllegalArgumentException(
                        "tool_choice: " + choice + " (expected: none, auto, required or a named function)");
            };
        }
        JsonNode name = choice.path("function").path("name");
        return name.isTextual() ? Choice.named(name.asText()) : Choice.AUTO;
    }

    private static ObjectNode toolCall(String id, String name, String arguments) {
        ObjectNode call = Exchange.MAPPER.createObjectNode().put("id", id).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments);
        return call;
    }

    private static String chunk(
            String id, long created, String model, ObjectNode delta, String finishReason, boolean includeUsage) {
        ObjectNode chunk = envelope(id, "chat.completion.chunk", created, model);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        if (includeUsage) {
            // As OpenAI does: every chunk but the last carries "usage": null when usage is asked for.
            chunk.putNull("usage");
        }
        return chunk.toString();
    }

    private static ObjectNode envelope(String id, String object, long created, String model) {
        return Exchange.MAPPER.createObjectNode()
                .put("id", id).put("object", object).put("created", created).put("model", model)
                .putNull("system_fingerprint");
    }

    static ObjectNode usage(int promptTokens, int completionTokens) {
        return Exchange.MAPPER.createObjectNode()
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
    }
}
