package dev.tollgate.commons.llm.provider;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;

/** OpenAI-shaped error objects. */
public final class OpenAiErrors {
    private OpenAiErrors() {
    }

    /** {@code {"error":{"message","type","code"}}}. */
    public static ObjectNode of(String message, String type, String code) {
        ObjectNode root = Json.object();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return root;
    }

    /** The OpenAI error type for an upstream status. */
    public static String typeFor(int status) {
        return switch (status) {
            case 400, 404, 409, 413, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    /**
     * The text of a non-JSON error body, cut short: proxies answer with HTML pages, and the
     * client should see what the provider said without the whole page.
     */
    public static String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    /** An error for a provider answer whose body is not the expected JSON error. */
    public static ObjectNode fromStatus(String provider, int status, byte[] body) {
        String text = excerpt(body);
        String message = provider + " answered " + status + (text.isEmpty() ? "" : ": " + text);
        return of(message, typeFor(status), null);
    }

    /**
     * An OpenAI-shaped error for the error bodies that OpenAI-like servers send:
     * {@code {"error":{"message",…}}} (OpenAI, Azure, llama.cpp, Gemini), {@code {"error":"text"}}
     * (Ollama), a top-level {@code {"object":"error","message":…}} (vLLM, Mistral, whose message
     * may itself be a validation report), FastAPI's {@code {"detail":…}}; anything else is quoted.
     */
    public static ObjectNode parse(String provider, int status, byte[] body) {
        ObjectNode parsed = Json.tryParseObject(new String(body, StandardCharsets.UTF_8));
        if (parsed == null) {
            return fromStatus(provider, status, body);
        }
        JsonNode error = parsed.get("error");
        ObjectNode source = error instanceof ObjectNode o ? o : parsed;
        JsonNode message = error != null && error.isTextual() ? error : source.get("message");
        if (message == null || message.isNull()) {
            message = source.get("detail");
        }
        if (message == null || message.isNull()) {
            return fromStatus(provider, status, body);
        }
        String type = text(source, "type");
        ObjectNode out = of(describe(message), type != null && type.endsWith("_error") ? type : typeFor(status),
                source.hasNonNull("code") ? source.get("code").asText() : null);
        if (source.hasNonNull("param")) {
            ((ObjectNode) out.get("error")).set("param", source.get("param"));
        }
        return out;
    }

    /**
     * A message as text: Pydantic validation reports ({@code [{"loc":["body","n"],"msg":…}]}, as
     * Mistral and vLLM send them) become {@code body.n: msg}, one per problem.
     */
    static String describe(JsonNode message) {
        if (message.isTextual()) {
            return message.asText();
        }
        if (message.isObject() && message.has("detail")) {
            return describe(message.get("detail"));
        }
        if (message.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode item : message) {
                if (!sb.isEmpty()) {
                    sb.append("; ");
                }
                if (item.hasNonNull("msg")) {
                    StringBuilder loc = new StringBuilder();
                    item.path("loc").forEach(l -> loc.append(loc.isEmpty() ? "" : ".").append(l.asText()));
                    sb.append(loc.isEmpty() ? "" : loc + ": ").append(item.get("msg").asText());
                } else {
                    sb.append(item.isTextual() ? item.asText() : Json.string(item));
                }
            }
            return sb.toString();
        }
        return Json.string(message);
    }

    /** The string at {@code node.field} if it is one. */
    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
