package dev.tollgate.commons.llm.provider;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;

/**
 * An OpenAI chat request as a Gemini {@code GenerateContentRequest}: system messages become the
 * {@code systemInstruction}, the others {@code contents} with roles {@code user} and
 * {@code model}; tool calls and results become {@code functionCall} and {@code functionResponse}
 * parts; sampling options go to {@code generationConfig}. Fields Gemini has no counterpart for
 * ({@code user}, {@code store}, {@code logit_bias}, ...) are left out.
 */
final class GeminiChatRequest {
    private static final String P = "gemini";
    /**
     * Google's documented stand-in for a missing thought signature: Gemini 3 refuses a function
     * call in the history without one, and histories from other providers (or clients that drop
     * unknown fields) have none.
     */
    static final String SKIP_SIGNATURE = "skip_thought_signature_validator";

    private static final Map<String, String> SAMPLING = Map.of("temperature", "temperature", "top_p", "topP",
            "max_tokens", "maxOutputTokens", "stop", "stopSequences", "n", "candidateCount", "seed", "seed",
            "presence_penalty", "presencePenalty", "frequency_penalty", "frequencyPenalty");

    private GeminiChatRequest() {
    }

    static ObjectNode from(ObjectNode body) {
        ArrayNode messages = OpenAiRequests.messages(P, body);
        Map<String, String> toolNames = OpenAiRequests.toolNamesById(messages);
        ObjectNode out = Json.object();
        ArrayNode contents = out.putArray("contents");
        ArrayNode system = Json.object().arrayNode();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String where = "messages[" + i + "]";
            switch (m.get("role").asText()) {
                case "system", "developer" -> system.add(text(OpenAiRequests.text(m.get("content"))));
                case "user" -> append(contents, "user", userParts(m.get("content"), where));
                case "assistant" -> append(contents, "model", modelParts(m, where));
                case "tool" -> append(contents, "user", Json.object().arrayNode().add(toolResult(m, toolNames, where)));
                default -> throw new UnsupportedRequestException(P + ": " + where + ".role: "
                        + m.get("role").asText() + " (expected: system, developer, user, assistant or tool)");
            }
        }
        if (contents.isEmpty()) {
            throw new UnsupportedRequestException(P + ": messages: at least one user or assistant message is needed");
        }
        if (!system.isEmpty()) {
            out.putObject("systemInstruction").set("parts", system);
        }
        tools(body, out);
        generationConfig(body, out);
        return out;
    }

    /** Adds a turn, or joins it to the previous one of the same role: Gemini wants turns to alternate. */
    private static void append(ArrayNode contents, String role, ArrayNode parts) {
        if (parts.isEmpty()) {
            return;
        }
        JsonNode last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
        if (last != null && role.equals(last.path("role").asText())) {
            ((ArrayNode) last.get("parts")).addAll(parts);
            return;
        }
        ObjectNode content = contents.addObject();
        content.put("role", role);
        content.set("parts", parts);
    }

    private static ObjectNode text(String text) {
        return Json.object().put("text", text);
    }

    private static ArrayNode userParts(JsonNode content, String where) {
        ArrayNode parts = Json.object().arrayNode();
        if (content == null || content.isNull() || content.isTextual()) {
            parts.add(text(content == null || content.isNull() ? "" : content.asText()));
            return parts;
        }
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            String type = part.path("type").asText();
            switch (type) {
                case "text" -> parts.add(text(part.path("text").asText()));
                case "image_url" -> {
                    OpenAiRequests.InlineImage image = OpenAiRequests.image(P, part, where + ".content[" + i + "]");
                    ObjectNode data = parts.addObject().putObject("inlineData");
                    data.put("mimeType", image.mimeType());
                    data.put("data", image.base64());
                }
                default -> throw new UnsupportedRequestException(P + ": " + where + ".content[" + i + "].type: "
                        + type + " (expected: text or image_url)");
            }
        }
        return parts;
    }

    private static ArrayNode modelParts(JsonNode message, String where) {
        ArrayNode parts = Json.object().arrayNode();
        String text = OpenAiRequests.text(message.get("content"));
        if (!text.isEmpty()) {
            parts.add(text(text));
        }
        JsonNode calls = message.path("tool_calls");
        for (int i = 0; i < calls.size(); i++) {
            JsonNode call = calls.get(i);
            ObjectNode part = parts.addObject();
            ObjectNode functionCall = part.putObject("functionCall");
            functionCall.put("name", call.path("function").path("name").asText());
            functionCall.set("args", OpenAiRequests.arguments(P, call, where + ".tool_calls[" + i + "]"));
            JsonNode signature = call.path("extra_content").path("google").path("thought_signature");
            if (signature.isTextual()) {
                part.put("thoughtSignature", signature.asText());
            } else if (i == 0) {
                part.put("thoughtSignature", SKIP_SIGNATURE);
            }
        }
        return parts;
    }

    private static ObjectNode toolResult(JsonNode message, Map<String, String> toolNames, String where) {
        String callId = message.path("tool_call_id").asText();
        String name = toolNames.get(callId);
        if (name == null) {
            throw new UnsupportedRequestException(P + ": " + where + ".tool_call_id: " + callId
                    + " answers no tool call of an earlier assistant message");
        }
        String content = OpenAiRequests.text(message.get("content"));
        ObjectNode parsed = Json.tryParseObject(content);
        ObjectNode part = Json.object();
        ObjectNode response = part.putObject("functionResponse");
        response.put("name", name);
        // Gemini wants an object; a result that is not one is wrapped, as Google's own SDKs do.
        response.set("response", parsed != null ? parsed : Json.object().put("content", content));
        return part;
    }

    private static void tools(ObjectNode body, ObjectNode out) {
        JsonNode tools = body.get("tools");
        if (tools != null && tools.isArray() && !tools.isEmpty()) {
            ArrayNode declarations = out.putArray("tools").addObject().putArray("functionDeclarations");
            for (int i = 0; i < tools.size(); i++) {
                JsonNode tool = tools.get(i);
                if (!"function".equals(tool.path("type").asText())) {
                    throw new UnsupportedRequestException(P + ": tools[" + i + "].type: "
                            + tool.path("type").asText() + " (expected: function)");
                }
                if (!(tool.get("function") instanceof ObjectNode function) || !function.path("name").isTextual()) {
                    throw new UnsupportedRequestException(P + ": tools[" + i + "].function: expected an object with a name");
                }
                ObjectNode declaration = declarations.addObject();
                declaration.put("name", function.get("name").asText());
                OpenAiRequests.copy(function, "description", declaration, "description");
                // JSON Schema as OpenAI clients write it; Gemini's `parameters` takes an OpenAPI subset only.
                OpenAiRequests.copy(function, "parameters", declaration, "parametersJsonSchema");
            }
        }
        JsonNode choice = body.get("tool_choice");
        if (choice == null || choice.isNull()) {
            return;
        }
        ObjectNode config = Json.object();
        if (choice.isObject()) {
            config.put("mode", "ANY");
            config.putArray("allowedFunctionNames").add(choice.path("function").path("name").asText());
        } else {
            config.put("mode", switch (choice.asText()) {
                case "none" -> "NONE";
                case "required" -> "ANY";
                default -> "AUTO";
            });
        }
        out.putObject("toolConfig").set("functionCallingConfig", config);
    }

    private static void generationConfig(ObjectNode body, ObjectNode out) {
        ObjectNode config = Json.object();
        OpenAiRequests.sampling(body, config, SAMPLING);
        JsonNode format = body.path("response_format");
        switch (format.path("type").asText()) {
            case "json_object" -> config.put("responseMimeType", "application/json");
            case "json_schema" -> {
                config.put("responseMimeType", "application/json");
                JsonNode schema = format.path("json_schema").get("schema");
                if (schema != null) {
                    config.set("responseJsonSchema", schema);
                }
            }
            default -> {
                // text, or none: Gemini's default
            }
        }
        if (!config.isEmpty()) {
            out.set("generationConfig", config);
        }
    }
}
