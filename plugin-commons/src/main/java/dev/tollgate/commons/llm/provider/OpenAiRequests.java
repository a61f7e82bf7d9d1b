package dev.tollgate.commons.llm.provider;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;

/**
 * Reading OpenAI-format requests for the providers that translate them. Malformed parts become
 * {@link UnsupportedRequestException}s that name the provider and the field, so the client gets
 * a 400 it can act on instead of the provider's answer to a half-translated body.
 */
final class OpenAiRequests {
    private OpenAiRequests() {
    }

    /** The messages array, required for a chat request. */
    static ArrayNode messages(String provider, ObjectNode body) {
        if (!(body.get("messages") instanceof ArrayNode messages) || messages.isEmpty()) {
            throw new UnsupportedRequestException(provider + ": messages: expected a non-empty array");
        }
        for (int i = 0; i < messages.size(); i++) {
            if (!messages.get(i).isObject() || !messages.get(i).path("role").isTextual()) {
                throw new UnsupportedRequestException(provider + ": messages[" + i + "]: expected an object with a role");
            }
        }
        return messages;
    }

    /** {@code max_completion_tokens}, or the older {@code max_tokens}. */
    static JsonNode maxTokens(ObjectNode body) {
        JsonNode max = body.get("max_completion_tokens");
        return max != null && max.isNumber() ? max : body.get("max_tokens");
    }

    /** {@code stop} as a list, whether the client sent a string or an array. */
    static List<String> stop(ObjectNode body) {
        JsonNode stop = body.get("stop");
        List<String> out = new ArrayList<>();
        if (stop != null && stop.isTextual()) {
            out.add(stop.asText());
        } else if (stop != null && stop.isArray()) {
            stop.forEach(s -> out.add(s.asText()));
        }
        return out;
    }

    /**
     * Copies the sampling options a provider shares with OpenAI to {@code target}, under the
     * provider's names: {@code names} maps OpenAI's name ({@code temperature}, {@code top_p},
     * {@code max_tokens}, {@code stop}, {@code n}, {@code seed}, {@code presence_penalty},
     * {@code frequency_penalty}) to the provider's. {@code max_tokens} stands for
     * {@code max_completion_tokens} too, and {@code stop} is always given as a list.
     */
    static void sampling(ObjectNode body, ObjectNode target, Map<String, String> names) {
        names.forEach((openAi, theirs) -> {
            switch (openAi) {
                case "max_tokens" -> {
                    JsonNode max = maxTokens(body);
                    if (max != null && max.isNumber()) {
                        target.set(theirs, max);
                    }
                }
                case "stop" -> {
                    List<String> stop = stop(body);
                    if (!stop.isEmpty()) {
                        ArrayNode sequences = target.putArray(theirs);
                        stop.forEach(sequences::add);
                    }
                }
                default -> copy(body, openAi, target, theirs);
            }
        });
    }

    /** Copies {@code body.from} to {@code target.to} when it is set. */
    static void copy(ObjectNode body, String from, ObjectNode target, String to) {
        JsonNode value = body.get(from);
        if (value != null && !value.isNull()) {
            target.set(to, value);
        }
    }

    /** The text of a message's content: the string, or its text parts joined. */
    static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            if (part.isTextual()) {
                sb.append(part.asText());
            } else if ("text".equals(part.path("type").asText()) || part.has("text")) {
                sb.append(part.path("text").asText());
            }
        }
        return sb.toString();
    }

    /**
     * The function names of the tool calls in the conversation, by call id: OpenAI's tool
     * results carry only the id, where Gemini and Ollama want the function's name.
     */
    static Map<String, String> toolNamesById(ArrayNode messages) {
        Map<String, String> names = new HashMap<>();
        for (JsonNode message : messages) {
            for (JsonNode call : message.path("tool_calls")) {
                if (call.hasNonNull("id")) {
                    names.put(call.get("id").asText(), call.path("function").path("name").asText());
                }
            }
        }
        return names;
    }

    /** A tool call's {@code function.arguments} (JSON text, as OpenAI sends it) as an object. */
    static ObjectNode arguments(String provider, JsonNode call, String where) {
        JsonNode args = call.path("function").get("arguments");
        if (args == null || args.isNull() || (args.isTextual() && args.asText().isBlank())) {
            return Json.object();
        }
        if (args.isObject()) {
            return (ObjectNode) args;
        }
        ObjectNode parsed = args.isTextual() ? Json.tryParseObject(args.asText()) : null;
        if (parsed == null) {
            throw new UnsupportedRequestException(provider + ": " + where
                    + ".function.arguments: expected the JSON text of an object");
        }
        return parsed;
    }

    /** The texts of an embeddings request's {@code input}: a string or an array of strings. */
    static List<String> embeddingInputs(String provider, ObjectNode body) {
        JsonNode input = body.get("input");
        List<String> out = new ArrayList<>();
        if (input != null && input.isTextual()) {
            out.add(input.asText());
        } else if (input != null && input.isArray() && !input.isEmpty()) {
            for (JsonNode item : input) {
                if (!item.isTextual()) {
                    throw new UnsupportedRequestException(provider
                            + ": input: only text is supported, not token arrays");
                }
                out.add(item.asText());
            }
        } else {
            throw new UnsupportedRequestException(provider + ": input: expected a string or an array of strings");
        }
        return out;
    }

    /** An image given inline, from a {@code data:} URL. */
    record InlineImage(String mimeType, String base64) {
    }

    /**
     * The image of an {@code image_url} part. Only {@code data:…;base64,} URLs: fetching a remote
     * image would make the gateway a client of arbitrary hosts.
     */
    static InlineImage image(String provider, JsonNode part, String where) {
        String url = part.path("image_url").isTextual() ? part.path("image_url").asText()
                : part.path("image_url").path("url").asText("");
        int comma = url.indexOf(',');
        if (!url.startsWith("data:") || comma < 0 || !url.substring(0, comma).endsWith(";base64")) {
            throw new UnsupportedRequestException(provider + ": " + where
                    + ".image_url: only data: URLs with base64 content are supported");
        }
        String mime = url.substring("data:".length(), comma - ";base64".length());
        return new InlineImage(mime.isEmpty() ? "application/octet-stream" : mime, url.substring(comma + 1));
    }
}
