package dev.tollgate.commons.llm.client;

import static dev.tollgate.commons.llm.client.AnthropicClientRequests.invalid;
import static dev.tollgate.commons.llm.client.AnthropicClientRequests.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.provider.AnthropicFormat.DataUrl;

/**
 * Anthropic's conversation as OpenAI chat messages. A user turn can hold tool results
 * beside its own words; OpenAI wants each result as a {@code tool} message right after the
 * assistant's tool calls, so a user turn becomes its tool messages first, then a user message
 * with the rest. Images inside tool results go to that user message: OpenAI's tool messages
 * carry text only.
 */
final class AnthropicClientMessages {

    private AnthropicClientMessages() {
    }

    static void convert(JsonNode messages, ArrayNode out) {
        if (!(messages instanceof ArrayNode list)) {
            throw invalid("messages", messages, "an array of messages");
        }
        if (list.isEmpty()) {
            throw invalid("messages", messages, "at least one message");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode message = list.get(i);
            String where = "messages[" + i + "]";
            if (!message.isObject()) {
                throw invalid(where, message, "an object with role and content");
            }
            JsonNode role = message.get("role");
            JsonNode content = message.get("content");
            if (content == null || !(content.isTextual() || content.isArray())) {
                throw invalid(where + ".content", content, "a string or an array of content blocks");
            }
            switch (role == null ? "" : role.asText()) {
                case "user" -> user(content, where + ".content", out);
                case "assistant" -> assistant(content, where + ".content", out);
                case "system" -> system(content, where + ".content", out);
                default -> throw invalid(where + ".role", role, "\"user\", \"assistant\" or \"system\"");
            }
        }
    }

    /**
     * A system prompt: the top-level one, or one in the conversation, which Anthropic applies from
     * its place on, as OpenAI does.
     */
    static void system(JsonNode content, String where, ArrayNode out) {
        ObjectNode message = out.addObject().put("role", "system");
        if (content.isTextual()) {
            message.set("content", content);
            return;
        }
        if (!content.isArray()) {
            throw invalid(where, content, "a string or an array of text blocks");
        }
        ArrayNode parts = message.putArray("content");
        for (int i = 0; i < content.size(); i++) {
            JsonNode block = content.get(i);
            String at = where + "[" + i + "]";
            if (!block.path("type").asText().equals("text")) {
                throw invalid(at + ".type", block.get("type"), "text");
            }
            textPart(parts, block, at);
        }
    }

    private static void user(JsonNode content, String where, ArrayNode out) {
        if (content.isTextual()) {
            out.addObject().put("role", "user").set("content", content);
            return;
        }
        ArrayNode parts = Json.MAPPER.createArrayNode();
        ArrayNode toolImages = Json.MAPPER.createArrayNode();
        for (int i = 0; i < content.size(); i++) {
            JsonNode block = content.get(i);
            String at = where + "[" + i + "]";
            switch (block.path("type").asText("")) {
                case "text" -> textPart(parts, block, at);
                case "image" -> parts.add(image(block.get("source"), at + ".source"));
                case "document" -> parts.add(document(block, at));
                case "tool_result" -> out.add(toolResult(block, at, toolImages));
                default -> throw invalid(at + ".type", block.get("type"), "text, image, document or tool_result");
            }
        }
        toolImages.addAll(parts);
        if (!toolImages.isEmpty()) {
            out.addObject().put("role", "user").set("content", toolImages);
        }
    }

    private static ObjectNode toolResult(JsonNode block, String where, ArrayNode images) {
        ObjectNode message = Json.object().put("role", "tool");
        message.put("tool_call_id", text(block.get("tool_use_id"), where + ".tool_use_id"));
        JsonNode content = block.get("content");
        if (content == null || content.isNull() || content.isTextual()) {
            message.put("content", content == null || content.isNull() ? "" : content.asText());
            return message;
        }
        if (!content.isArray()) {
            throw invalid(where + ".content", content, "a string or an array of text and image blocks");
        }
        ArrayNode parts = message.putArray("content");
        for (int i = 0; i < content.size(); i++) {
            JsonNode inner = content.get(i);
            String at = where + ".content[" + i + "]";
            switch (inner.path("type").asText("")) {
                case "text" -> textPart(parts, inner, at);
                case "image" -> images.add(image(inner.get("source"), at + ".source"));
                default -> throw invalid(at + ".type", inner.get("type"), "text or image");
            }
        }
        return message;
    }

    private static ObjectNode image(JsonNode source, String where) {
        String url = switch (source == null ? "" : source.path("type").asText("")) {
            case "base64" -> dataUrl(source, where);
            case "url" -> text(source.get("url"), where + ".url");
            default -> throw invalid(where, source, "a base64 or url image source");
        };
        ObjectNode part = Json.object().put("type", "image_url");
        part.putObject("image_url").put("url", url);
        return part;
    }

    private static void textPart(ArrayNode parts, JsonNode block, String where) {
        parts.addObject().put("type", "text").put("text", text(block.get("text"), where + ".text"));
    }

    /** A base64 source as OpenAI's data: URL. */
    private static String dataUrl(JsonNode source, String where) {
        return new DataUrl(text(source.get("media_type"), where + ".media_type"),
                text(source.get("data"), where + ".data")).toUrl();
    }

    /** PDFs go inline as OpenAI file parts; plain-text documents are text to OpenAI. */
    private static ObjectNode document(JsonNode block, String where) {
        JsonNode source = block.path("source");
        switch (source.path("type").asText("")) {
            case "base64" -> {
                String url = dataUrl(source, where + ".source");
                ObjectNode part = Json.object().put("type", "file");
                ObjectNode file = part.putObject("file");
                if (block.path("title").isTextual()) {
                    file.set("filename", block.get("title"));
                }
                file.put("file_data", url);
                return part;
            }
            case "text" -> {
                return Json.object().put("type", "text").put("text", text(source.get("data"), where + ".source.data"));
            }
            default -> throw invalid(where + ".source", block.get("source"), "a base64 or text document source");
        }
    }

    /** Text blocks become the content, tool_use blocks the tool calls; thinking has no OpenAI form. */
    private static void assistant(JsonNode content, String where, ArrayNode out) {
        ObjectNode message = out.addObject().put("role", "assistant");
        if (content.isTextual()) {
            message.set("content", content);
            return;
        }
        StringBuilder text = new StringBuilder();
        ArrayNode calls = Json.MAPPER.createArrayNode();
        for (int i = 0; i < content.size(); i++) {
            JsonNode block = content.get(i);
            String at = where + "[" + i + "]";
            switch (block.path("type").asText("")) {
                case "text" -> text.append(text(block.get("text"), at + ".text"));
                case "tool_use" -> {
                    JsonNode input = block.get("input");
                    if (input == null || !input.isObject()) {
                        throw invalid(at + ".input", input, "an object");
                    }
                    ObjectNode call = calls.addObject().put("id", text(block.get("id"), at + ".id"))
                            .put("type", "function");
                    call.putObject("function").put("name", text(block.get("name"), at + ".name"))
                            .put("arguments", Json.string(input));
                }
                case "thinking", "redacted_thinking" -> {
                    // the upstream cannot check Anthropic's signatures; the reasoning is dropped
                }
                default -> throw invalid(at + ".type", block.get("type"), "text, tool_use or thinking");
            }
        }
        if (text.isEmpty() && !calls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
    }
}
