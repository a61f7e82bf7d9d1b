package dev.tollgate.commons.llm.provider;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.FieldError;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.provider.AnthropicFormat.DataUrl;

/**
 * OpenAI chat messages as Anthropic's top-level system prompt and its user/assistant turns.
 * Anthropic has no system or tool roles and wants the roles to alternate: system and developer
 * messages go to {@code system}, tool results go into user turns, and consecutive turns of one
 * role are merged into one.
 */
final class AnthropicMessages {

    /** The translated conversation; {@code system} is null when there was no system message. */
    record Conversation(JsonNode system, ArrayNode messages) {
    }

    private AnthropicMessages() {
    }

    static Conversation convert(JsonNode messages) {
        if (!(messages instanceof ArrayNode list) || list.isEmpty()) {
            throw invalid("messages", messages, "a non-empty array of messages");
        }
        ArrayNode system = Json.MAPPER.createArrayNode();
        ArrayNode turns = Json.MAPPER.createArrayNode();
        for (int i = 0; i < list.size(); i++) {
            JsonNode message = list.get(i);
            String where = "messages[" + i + "]";
            JsonNode role = message.get("role");
            switch (role == null ? "" : role.asText()) {
                case "system", "developer" -> system.addAll(textBlocks(message.get("content"), where + ".content"));
                case "user" -> append(turns, "user", userBlocks(message.get("content"), where + ".content"));
                case "assistant" -> append(turns, "assistant", assistantBlocks(message, where));
                case "tool" -> append(turns, "user", toolResult(message, where));
                default -> throw invalid(where + ".role", role, "system, developer, user, assistant or tool");
            }
        }
        return new Conversation(system(system), turns);
    }

    /** A lone plain system text is sent as a string, the form Anthropic documents first. */
    private static JsonNode system(ArrayNode blocks) {
        if (blocks.isEmpty()) {
            return null;
        }
        if (blocks.size() == 1 && !blocks.get(0).has("cache_control")) {
            return blocks.get(0).get("text");
        }
        return blocks;
    }

    private static void append(ArrayNode turns, String role, ArrayNode blocks) {
        if (blocks.isEmpty()) {
            return; // an assistant turn that said nothing (content "" and no tool calls)
        }
        JsonNode last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        if (last != null && role.equals(last.get("role").asText())) {
            ((ArrayNode) last.get("content")).addAll(blocks);
            return;
        }
        ObjectNode turn = turns.addObject().put("role", role);
        turn.set("content", blocks);
    }

    private static ArrayNode userBlocks(JsonNode content, String where) {
        if (content != null && content.isTextual()) {
            return textBlock(Json.MAPPER.createArrayNode(), content.asText(), null);
        }
        if (!(content instanceof ArrayNode parts)) {
            throw invalid(where, content, "a string or an array of content parts");
        }
        ArrayNode blocks = Json.MAPPER.createArrayNode();
        for (int i = 0; i < parts.size(); i++) {
            JsonNode part = parts.get(i);
            String at = where + "[" + i + "]";
            String type = part.path("type").asText("");
            switch (type) {
                case "text" -> textBlock(blocks, text(part, at), part.get("cache_control"));
                case "image_url" -> blocks.add(image(part.get("image_url"), at + ".image_url"));
                case "file" -> blocks.add(document(part.get("file"), at + ".file"));
                case "input_audio" -> throw new UnsupportedRequestException(at + ": anthropic does not accept audio input");
                default -> throw invalid(at + ".type", part.get("type"), "text, image_url or file");
            }
        }
        return blocks;
    }

    /** Text parts only: system, developer and tool messages, and the text of assistant messages. */
    private static ArrayNode textBlocks(JsonNode content, String where) {
        ArrayNode blocks = Json.MAPPER.createArrayNode();
        if (content == null || content.isNull()) {
            return blocks;
        }
        if (content.isTextual()) {
            return textBlock(blocks, content.asText(), null);
        }
        if (!(content instanceof ArrayNode parts)) {
            throw invalid(where, content, "a string or an array of text parts");
        }
        for (int i = 0; i < parts.size(); i++) {
            JsonNode part = parts.get(i);
            String at = where + "[" + i + "]";
            String type = part.path("type").asText("");
            if (!type.equals("text") && !type.equals("refusal")) {
                throw invalid(at + ".type", part.get("type"), "text");
            }
            String text = type.equals("text") ? text(part, at) : part.path("refusal").asText("");
            textBlock(blocks, text, part.get("cache_control"));
        }
        return blocks;
    }

    private static ArrayNode textBlock(ArrayNode blocks, String text, JsonNode cacheControl) {
        ObjectNode block = blocks.addObject().put("type", "text").put("text", text);
        if (cacheControl != null && cacheControl.isObject()) {
            // OpenAI has no prompt-cache marks; clients written for both (LiteLLM's convention) put Anthropic's here
            block.set("cache_control", cacheControl);
        }
        return blocks;
    }

    private static String text(JsonNode part, String where) {
        JsonNode text = part.get("text");
        if (text == null || !text.isTextual()) {
            throw invalid(where + ".text", text, "a string");
        }
        return text.asText();
    }

    private static ObjectNode image(JsonNode imageUrl, String where) {
        JsonNode url = imageUrl != null && imageUrl.isObject() ? imageUrl.get("url") : imageUrl;
        if (url == null || !url.isTextual()) {
            throw invalid(where + ".url", url, "an http(s) or base64 data: URL");
        }
        ObjectNode block = Json.object().put("type", "image");
        ObjectNode source = block.putObject("source");
        String value = url.asText();
        DataUrl data = DataUrl.parse(value).orElse(null);
        if (data != null) {
            source.put("type", "base64").put("media_type", data.mediaType()).put("data", data.data());
        } else if (value.startsWith("https://") || value.startsWith("http://")) {
            source.put("type", "url").put("url", value);
        } else {
            throw invalid(where + ".url", url, "an http(s) or base64 data: URL");
        }
        return block;
    }

    /** An inline PDF ({@code file.file_data}); OpenAI's uploaded-file ids mean nothing to Anthropic. */
    private static ObjectNode document(JsonNode file, String where) {
        JsonNode fileData = file == null ? null : file.get("file_data");
        DataUrl data = fileData != null && fileData.isTextual() ? DataUrl.parse(fileData.asText()).orElse(null) : null;
        if (data == null) {
            throw new UnsupportedRequestException(where + ": anthropic takes files inline only"
                    + " (expected: file_data as a base64 data: URL)");
        }
        ObjectNode block = Json.object().put("type", "document");
        block.putObject("source").put("type", "base64").put("media_type", data.mediaType()).put("data", data.data());
        JsonNode name = file.get("filename");
        if (name != null && name.isTextual()) {
            block.put("title", name.asText());
        }
        return block;
    }

    private static ArrayNode assistantBlocks(JsonNode message, String where) {
        ArrayNode blocks = Json.MAPPER.createArrayNode();
        for (JsonNode block : textBlocks(message.get("content"), where + ".content")) {
            if (!block.get("text").asText().isEmpty()) {
                blocks.add(block); // Anthropic rejects empty text blocks; OpenAI clients send "" beside tool calls
            }
        }
        if (message.hasNonNull("function_call")) {
            throw new UnsupportedRequestException(where + ".function_call: deprecated; use tool_calls");
        }
        JsonNode calls = message.get("tool_calls");
        if (calls == null || calls.isNull()) {
            return blocks;
        }
        if (!calls.isArray()) {
            throw invalid(where + ".tool_calls", calls, "an array");
        }
        for (int i = 0; i < calls.size(); i++) {
            JsonNode call = calls.get(i);
            String at = where + ".tool_calls[" + i + "]";
            ObjectNode use = blocks.addObject().put("type", "tool_use");
            use.put("id", requiredText(call, "id", at));
            use.put("name", requiredText(call.path("function"), "name", at + ".function"));
            use.set("input", arguments(call.path("function").get("arguments"), at + ".function.arguments"));
        }
        return blocks;
    }

    /** OpenAI sends tool arguments as a JSON string, Anthropic as the object itself. */
    private static JsonNode arguments(JsonNode arguments, String where) {
        if (arguments == null || arguments.isNull() || arguments.asText().isBlank()) {
            return Json.object();
        }
        if (arguments.isObject()) {
            return arguments;
        }
        try {
            JsonNode parsed = arguments.isTextual() ? Json.MAPPER.readTree(arguments.asText()) : null;
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (IOException e) {
            // reported below
        }
        throw invalid(where, arguments, "a JSON object as a string");
    }

    private static ArrayNode toolResult(JsonNode message, String where) {
        ObjectNode result = Json.object().put("type", "tool_result");
        result.put("tool_use_id", requiredText(message, "tool_call_id", where));
        JsonNode content = message.get("content");
        if (content != null && content.isTextual()) {
            result.set("content", content);
        } else {
            result.set("content", textBlocks(content, where + ".content"));
        }
        return Json.MAPPER.createArrayNode().add(result);
    }

    private static String requiredText(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw invalid(where + "." + field, value, "a string");
        }
        return value.asText();
    }

    static UnsupportedRequestException invalid(String field, JsonNode value, String expected) {
        return new UnsupportedRequestException(FieldError.message(field, value, expected));
    }
}
