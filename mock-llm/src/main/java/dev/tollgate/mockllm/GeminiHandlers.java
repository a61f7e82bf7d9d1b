package dev.tollgate.mockllm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.mockllm.ContentGenerator.Completion;
import dev.tollgate.mockllm.Conversation.Message;
import dev.tollgate.mockllm.ToolCalls.Choice;
import dev.tollgate.mockllm.ToolCalls.Tool;
import dev.tollgate.mockllm.ToolCalls.ToolCall;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Google's Gemini API: {@code …/models/{model}:generateContent}, {@code :streamGenerateContent}
 * (server-sent events with {@code ?alt=sse}, else one JSON array streamed element by element),
 * {@code :embedContent} and {@code :batchEmbedContents}. Request fields are read in camelCase or
 * snake_case, as Google's own JSON parser accepts both.
 */
final class GeminiHandlers {

    private final AtomicLong ids = new AtomicLong();

    void generate(Exchange exchange, boolean stream) throws IOException {
        ChatRequest chat;
        try {
            ObjectNode request = RequestJson.parseObject(exchange.request().body());
            JsonNode config = field(request, "generationConfig");
            chat = ChatRequest.of(request, model(exchange.request().path()), conversation(request), stream,
                    RequestJson.positiveInt(config, name(config, "maxOutputTokens"), Integer.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            exchange.sendJson(400, ErrorBodies.gemini(400, e.getMessage()));
            return;
        }
        String model = chat.model();
        String responseId = "mock-" + ids.incrementAndGet();
        Reply reply = chat.reply();
        String finishReason = reply instanceof Completion completion && completion.truncated() ? "MAX_TOKENS" : "STOP";
        ObjectNode usage = Exchange.MAPPER.createObjectNode()
                .put("promptTokenCount", chat.promptTokens())
                .put("candidatesTokenCount", reply.tokens())
                .put("totalTokenCount", chat.promptTokens() + reply.tokens());
        if (!stream) {
            String text = reply instanceof Completion completion ? completion.text() : "";
            exchange.sendJson(200, response(part(reply, text), finishReason, usage, model, responseId));
            return;
        }
        boolean sse = List.of(exchange.request().query().split("&")).contains("alt=sse");
        // Gemini streams a function call whole, in one chunk; text a chunk per token.
        int chunks = reply instanceof ToolCall ? 1 : reply.tokens();
        EventStream out = exchange.startStream(sse ? "text/event-stream" : "application/json", chunks + (sse ? 0 : 1));
        out.tokens(chunks, i -> {
            boolean last = i == chunks - 1;
            ObjectNode chunk = response(part(reply, reply.piece(i)),
                    last ? finishReason : null, last ? usage : null, model, responseId);
            if (sse) {
                out.data(chunk.toString());
            } else {
                out.frame((i == 0 ? "[" : ",\r\n") + chunk);
            }
        });
        if (!sse) {
            out.frame("]");
        }
        out.close();
    }

    /** {@code :embedContent} answers {@code {"embedding":{"values":[..]}}}, the batch one per request. */
    void embed(Exchange exchange, boolean batch) {
        ObjectNode body = Exchange.MAPPER.createObjectNode();
        try {
            ObjectNode request = RequestJson.parseObject(exchange.request().body());
            if (!batch) {
                body.putObject("embedding").set("values", Embeddings.values(embedText(request, "content")));
            } else {
                JsonNode requests = request.get("requests");
                if (requests == null || !requests.isArray() || requests.isEmpty()) {
                    throw new IllegalArgumentException(
                            "requests: " + RequestJson.brief(requests) + " (expected: a non-empty array)");
                }
                ArrayNode embeddings = body.putArray("embeddings");
                for (int i = 0; i < requests.size(); i++) {
                    String text = embedText(requests.get(i), "requests[" + i + "].content");
                    embeddings.addObject().set("values", Embeddings.values(text));
                }
            }
        } catch (IllegalArgumentException e) {
            exchange.sendJson(400, ErrorBodies.gemini(400, e.getMessage()));
            return;
        }
        exchange.sendJson(200, body);
    }

    private static Conversation conversation(ObjectNode request) {
        JsonNode contents = request.get("contents");
        if (contents == null || !contents.isArray() || contents.isEmpty()) {
            throw new IllegalArgumentException(
                    "contents: " + RequestJson.brief(contents) + " (expected: a non-empty array)");
        }
        List<Message> messages = new ArrayList<>(contents.size());
        for (int i = 0; i < contents.size(); i++) {
            JsonNode parts = contents.get(i).path("parts");
            if (!parts.isArray()) {
                throw new IllegalArgumentException("contents[" + i + "]: " + RequestJson.brief(contents.get(i))
                        + " (expected: an object with a parts array)");
            }
            List<String> texts = new ArrayList<>();
            boolean toolResult = false;
            for (JsonNode part : parts) {
                JsonNode functionResponse = field(part, "functionResponse");
                toolResult |= !functionResponse.isMissingNode();
                texts.add(functionResponse.isMissingNode() ? part.path("text").asText("")
                        : functionResponse.path("response").toString());
            }
            String text = String.join(" ", texts.stream().filter(t -> !t.isEmpty()).toList());
            messages.add(new Message(contents.get(i).path("role").asText("user"), text, toolResult));
        }
        String system = ContentGenerator.text(field(request, "systemInstruction").path("parts"));
        return Conversation.of(messages, system, tools(request), toolChoice(request));
    }

    /** The {@code functionDeclarations} of every entry of {@code tools}. */
    private static List<Tool> tools(JsonNode request) {
        List<Tool> tools = new ArrayList<>();
        JsonNode entries = ToolCalls.array(request, "tools");
        for (int i = 0; i < entries.size(); i++) {
            JsonNode declarations = field(entries.get(i), "functionDeclarations");
            for (int j = 0; j < declarations.size(); j++) {
                JsonNode declaration = declarations.get(j);
                String schema = Stream.of("parametersJsonSchema", "parameters_json_schema")
                        .filter(declaration::has).findFirst().orElse("parameters");
                tools.add(ToolCalls.tool(declaration, schema, "tools[" + i + "].functionDeclarations[" + j + "]"));
            }
        }
        return tools;
    }

    /** {@code toolConfig.functionCallingConfig}: mode {@code NONE}, or the first of its allowed names. */
    private static Choice toolChoice(JsonNode request) {
        JsonNode config = field(field(request, "toolConfig"), "functionCallingConfig");
        if (field(config, "mode").asText().equals("NONE")) {
            return Choice.NONE;
        }
        JsonNode allowed = field(config, "allowedFunctionNames").path(0);
        return allowed.isTextual() ? Choice.named(allowed.asText()) : Choice.AUTO;
    }

    private static ObjectNode part(Reply reply, String text) {
        ObjectNode part = Exchange.MAPPER.createObjectNode();
        switch (reply) {
            case Completion completion -> part.put("text", text);
            case ToolCall call -> part.putObject("functionCall").put("name", call.name()).set("args", call.arguments());
        }
        return part;
    }

    private static ObjectNode response(
            ObjectNode part, String finishReason, ObjectNode usage, String model, String responseId) {
        ObjectNode body = Exchange.MAPPER.createObjectNode();
        ObjectNode candidate = body.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.putArray("parts").add(part);
        content.put("role", "model");
        if (finishReason != null) {
            candidate.put("finishReason", finishReason);
        }
        candidate.put("index", 0);
        if (usage != null) {
            body.set("usageMetadata", usage);
        }
        return body.put("modelVersion", model).put("responseId", responseId);
    }

    private static String embedText(JsonNode request, String where) {
        JsonNode parts = request.path("content").path("parts");
        if (!parts.isArray() || parts.isEmpty()) {
            throw new IllegalArgumentException(where + ": " + RequestJson.brief(request.get("content"))
                    + " (expected: an object with a non-empty parts array)");
        }
        return ContentGenerator.text(parts);
    }

    /** The model a path names: {@code gemini-2.0-flash} in {@code /v1beta/models/gemini-2.0-flash:generateContent}. */
    static String model(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        int colon = last.lastIndexOf(':');
        return colon > 0 ? last.substring(0, colon) : last;
    }

    private static JsonNode field(JsonNode json, String camelName) {
        return json.path(name(json, camelName));
    }

    /** {@code camelName} if the object has it, else its snake_case form. */
    private static String name(JsonNode json, String camelName) {
        return json.has(camelName) ? camelName : camelName.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }
}
