package dev.tollgate.mockllm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Error bodies in the shape each provider's clients parse. */
final class ErrorBodies {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ErrorBodies() {
    }

    /** {@code {"error":{"message":..,"type":..,"code":null}}}, as OpenAI answers. */
    static ObjectNode openAi(int status, String message) {
        ObjectNode error = NODES.objectNode();
        error.put("message", message);
        error.put("type", openAiType(status));
        error.putNull("code");
        ObjectNode body = NODES.objectNode();
        body.set("error", error);
        return body;
    }

    /** {@code {"type":"error","error":{"type":..,"message":..}}}, as Anthropic answers. */
    static ObjectNode anthropic(int status, String message) {
        ObjectNode error = NODES.objectNode();
        error.put("type", anthropicType(status));
        error.put("message", message);
        ObjectNode body = NODES.objectNode();
        body.put("type", "error");
        body.set("error", error);
        return body;
    }

    /** {@code {"error":{"code":..,"message":..,"status":..}}}, as Google's APIs (Gemini) answer. */
    static ObjectNode gemini(int status, String message) {
        ObjectNode error = NODES.objectNode();
        error.put("code", status);
        error.put("message", message);
        error.put("status", googleStatus(status));
        ObjectNode body = NODES.objectNode();
        body.set("error", error);
        return body;
    }

    /** {@code {"error":".."}}, as Ollama's native API answers. */
    static ObjectNode ollama(String message) {
        return NODES.objectNode().put("error", message);
    }

    static ObjectNode of(Provider provider, int status, String message) {
        return switch (provider) {
            case OPENAI -> openAi(status, message);
            case ANTHROPIC -> anthropic(status, message);
            case GEMINI -> gemini(status, message);
            case OLLAMA -> ollama(message);
        };
    }

    private static String openAiType(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }

    private static String anthropicType(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    /** The canonical code Google names for an HTTP status. */
    private static String googleStatus(int status) {
        return switch (status) {
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ABORTED";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 499 -> "CANCELLED";
            case 501 -> "UNIMPLEMENTED";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT";
        };
    }

    /** Whose error shape an endpoint speaks. */
    enum Provider { OPENAI, ANTHROPIC, GEMINI, OLLAMA }
}
