package dev.tollgate.mockllm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.mockllm.ContentGenerator.Completion;
import dev.tollgate.mockllm.ToolCalls.Choice;
import dev.tollgate.mockllm.ToolCalls.ToolCall;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Ollama's native API: {@code POST /api/chat}, streamed as NDJSON unless {@code "stream": false},
 * and {@code POST /api/embed}. Its messages are OpenAI's (tool results in {@code tool} messages),
 * and so are its tool definitions.
 */
final class OllamaHandlers {

    void chat(Exchange exchange) throws IOException {
        ChatRequest chat;
        try {
            chat = read(RequestJson.parseObject(exchange.request().body()));
        } catch (IllegalArgumentException e) {
            exchange.sendJson(400, ErrorBodies.ollama(e.getMessage()));
            return;
        }
        String model = chat.model();
        Reply reply = chat.reply();
        Optional<ToolCall> call = reply instanceof ToolCall toolCall ? Optional.of(toolCall) : Optional.empty();
        String doneReason = reply instanceof Completion completion && completion.truncated() ? "length" : "stop";
        if (!chat.stream()) {
            ObjectNode body = answer(model, reply instanceof Completion completion ? completion.text() : "", call);
            done(body, exchange, doneReason, chat.promptTokens(), reply.tokens());
            exchange.sendJson(200, body);
            return;
        }
        // Ollama sends a tool call whole, in one line; text a line per token. Then the done line.
        int lines = call.isPresent() ? 1 : reply.tokens();
        EventStream out = exchange.startStream("application/x-ndjson", lines + 1);
        out.tokens(lines, i -> out.line(
                answer(model, call.isPresent() ? "" : reply.piece(i), call).put("done", false).toString()));
        ObjectNode last = answer(model, "", Optional.empty());
        done(last, exchange, doneReason, chat.promptTokens(), reply.tokens());
        out.line(last.toString());
        out.close();
    }

    /** {@code model} is required; streaming is the default; the limit is {@code options.num_predict}. */
    private static ChatRequest read(ObjectNode request) {
        String model = RequestJson.requiredString(request, "model");
        Conversation conversation = Conversation.ofMessages(
                RequestJson.messages(request), "", OpenAiHandlers.tools(request), Choice.AUTO);
        JsonNode options = request.path("options");
        // Ollama reads a negative num_predict as "no limit".
        OptionalInt maxTokens = options.path("num_predict").asInt(0) < 0 ? OptionalInt.empty()
                : RequestJson.positiveInt(options, "num_predict", Integer.MAX_VALUE);
        return ChatRequest.of(request, model, conversation, RequestJson.bool(request, "stream", true), maxTokens);
    }

    /** {@code {"model","embeddings":[[..]],..}}: the same vectors as OpenAI's embeddings for the same text. */
    void embed(Exchange exchange) {
        String model;
        List<String> inputs;
        try {
            ObjectNode request = RequestJson.parseObject(exchange.request().body());
            model = RequestJson.requiredString(request, "model");
            inputs = Embeddings.inputs(request.get("input"));
        } catch (IllegalArgumentException e) {
            exchange.sendJson(400, ErrorBodies.ollama(e.getMessage()));
            return;
        }
        ObjectNode body = Exchange.MAPPER.createObjectNode().put("model", model);
        ArrayNode embeddings = body.putArray("embeddings");
        int tokens = 0;
        for (String input : inputs) {
            embeddings.add(Embeddings.values(input));
            tokens += ContentGenerator.words(input).size();
        }
        long elapsed = elapsedNanos(exchange);
        body.put("total_duration", elapsed).put("load_duration", 0).put("prompt_eval_count", tokens);
        exchange.sendJson(200, body);
    }

    /** A chat answer, or one line of it: an assistant message with {@code content}, and the call if any. */
    private static ObjectNode answer(String model, String content, Optional<ToolCall> call) {
        ObjectNode body = Exchange.MAPPER.createObjectNode()
                .put("model", model).put("created_at", Instant.now().toString());
        ObjectNode message = body.putObject("message").put("role", "assistant").put("content", content);
        call.ifPresent(c -> message.putArray("tool_calls").addObject()
                .putObject("function").put("name", c.name()).set("arguments", c.arguments()));
        return body;
    }

    /** The fields of the last (or only) answer: why it ended, token counts and timings in nanoseconds. */
    private static void done(ObjectNode body, Exchange exchange, String doneReason, int promptTokens, int evalTokens) {
        long elapsed = elapsedNanos(exchange);
        body.put("done", true).put("done_reason", doneReason)
                .put("total_duration", elapsed).put("load_duration", 0)
                .put("prompt_eval_count", promptTokens).put("prompt_eval_duration", 0)
                .put("eval_count", evalTokens).put("eval_duration", elapsed);
    }

    private static long elapsedNanos(Exchange exchange) {
        return Duration.between(exchange.request().receivedAt(), Instant.now()).toNanos();
    }
}
