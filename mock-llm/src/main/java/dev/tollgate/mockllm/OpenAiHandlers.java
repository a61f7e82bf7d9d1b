package dev.tollgate.mockllm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.mockllm.ContentGenerator.Completion;
import java.io.IOException;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

/** OpenAI's chat completions (JSON and SSE) and models list; embeddings live in {@link Embeddings}. */
final class OpenAiHandlers {

    static final String DEFAULT_MODEL = "mock-gpt";
    static final String[] MODELS = {"mock-gpt", "mock-gpt-mini", "mock-embedding", "mock-claude"};

    private final AtomicLong ids = new AtomicLong();

    void chat(Exchange exchange) throws IOException {
        ObjectNode request;
        Conversation conversation;
        String model;
        boolean stream;
        boolean includeUsage;
        boolean omitUsage = FailureInjector.isSet(exchange.request(), FailureInjector.NO_USAGE_HEADER);
        OptionalInt maxTokens;
        OptionalInt wanted;
        try {
            request = RequestJson.parseObject(exchange.request().body());
            conversation = Conversation.ofMessages(RequestJson.messages(request), "");
            model = RequestJson.string(request, "model", DEFAULT_MODEL);
            stream = RequestJson.bool(request, "stream");
            // The header wins over the request, so a test can check that a gateway counts tokens itself.
            includeUsage = RequestJson.bool(request.path("stream_options"), "include_usage") && !omitUsage;
            maxTokens = RequestJson.positiveInt(request, "max_completion_tokens", Integer.MAX_VALUE);
            if (maxTokens.isEmpty()) {
                maxTokens = RequestJson.positiveInt(request, "max_tokens", Integer.MAX_VALUE);
            }
            wanted = RequestJson.positiveInt(request, "mock_tokens", RequestJson.MAX_MOCK_TOKENS);
        } catch (IllegalArgumentException e) {
            exchange.sendJson(400, ErrorBodies.openAi(400, e.getMessage()));
            return;
        }
        Completion completion = conversation.answer(wanted, maxTokens);
        int promptTokens = conversation.promptTokens();
        String id = "chatcmpl-mock-" + ids.incrementAndGet();
        long created = Instant.now().getEpochSecond();
        String finishReason = completion.truncated() ? "length" : "stop";
        if (!stream) {
            ObjectNode message = Exchange.MAPPER.createObjectNode()
                    .put("role", "assistant").put("content", completion.text()).putNull("refusal");
            ObjectNode choice = Exchange.MAPPER.createObjectNode().put("index", 0);
            choice.set("message", message);
            choice.putNull("logprobs");
            choice.put("finish_reason", finishReason);
            ObjectNode body = envelope(id, "chat.completion", created, model);
            body.putArray("choices").add(choice);
            if (!omitUsage) {
                body.set("usage", usage(promptTokens, completion.tokens()));
            }
            exchange.sendJson(200, body);
            return;
        }
        // role chunk + one per word + finish chunk (+ usage chunk) + [DONE]
        SseStream sse = exchange.startSse(completion.tokens() + 3 + (includeUsage ? 1 : 0));
        ObjectNode roleDelta = Exchange.MAPPER.createObjectNode().put("role", "assistant").put("content", "");
        sse.data(chunk(id, created, model, roleDelta, null, includeUsage));
        sse.tokens(completion.tokens(), i -> sse.data(chunk(id, created, model,
                Exchange.MAPPER.createObjectNode().put("content", completion.piece(i)), null, includeUsage)));
        sse.data(chunk(id, created, model, Exchange.MAPPER.createObjectNode(), finishReason, includeUsage));
        if (includeUsage) {
            ObjectNode last = envelope(id, "chat.completion.chunk", created, model);
            last.putArray("choices");
            last.set("usage", usage(promptTokens, completion.tokens()));
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
