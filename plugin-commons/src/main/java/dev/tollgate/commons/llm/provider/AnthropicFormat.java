package dev.tollgate.commons.llm.provider;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.TokenUsage;

/**
 * The words Anthropic's Messages API and OpenAI's chat API use for the same things, both ways:
 * stop reasons, error types, token usage, inline images. Shared by the Anthropic provider (OpenAI
 * clients, Anthropic upstream) and the Anthropic client format (Anthropic clients, OpenAI-format
 * upstream), so that a round trip through both lands where it started.
 */
public final class AnthropicFormat {
    /** The {@code anthropic-version} header when {@code model.options.anthropic_version} is not set. */
    public static final String DEFAULT_VERSION = "2023-06-01";

    private AnthropicFormat() {
    }

    /** OpenAI's {@code finish_reason} for an Anthropic {@code stop_reason}; null (still running) stays null. */
    public static String finishReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            // end_turn, stop_sequence, pause_turn, and reasons added after this was written
            default -> "stop";
        };
    }

    /** Anthropic's {@code stop_reason} for an OpenAI {@code finish_reason}; a missing one ended the turn. */
    public static String stopReason(String finishReason) {
        if (finishReason == null) {
            return "end_turn";
        }
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }

    /** OpenAI's error type for an Anthropic one ({@code overloaded_error} → {@code api_error}). */
    public static String openAiErrorType(String anthropicType, int status) {
        if (anthropicType == null) {
            return OpenAiErrors.typeFor(status);
        }
        return switch (anthropicType) {
            case "invalid_request_error", "not_found_error", "request_too_large" -> "invalid_request_error";
            case "authentication_error" -> "authentication_error";
            case "permission_error", "billing_error" -> "permission_error";
            case "rate_limit_error" -> "rate_limit_error";
            case "api_error", "overloaded_error", "timeout_error" -> "api_error";
            default -> OpenAiErrors.typeFor(status);
        };
    }

    /** Anthropic's error type for an HTTP status, as its API pairs them. */
    public static String errorType(int status) {
        return switch (status) {
            case 400, 409, 415, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            case 504 -> "timeout_error";
            default -> status >= 500 || status <= 0 ? "api_error" : "invalid_request_error";
        };
    }

    /** Anthropic's error type for an OpenAI one, for errors that arrive without a status (inside a stream). */
    public static String errorTypeOf(String openAiType) {
        if (openAiType == null) {
            return "api_error";
        }
        return switch (openAiType) {
            case "invalid_request_error", "authentication_error", "permission_error", "rate_limit_error" -> openAiType;
            case "insufficient_quota" -> "billing_error";
            default -> "api_error";
        };
    }

    /** {@code {"type":"error","error":{"type","message"}}}. */
    public static ObjectNode error(String type, String message) {
        ObjectNode root = Json.object().put("type", "error");
        root.putObject("error").put("type", type).put("message", message);
        return root;
    }

    /**
     * The token counts of an Anthropic {@code usage} object. Anthropic counts cache reads and
     * cache writes apart from {@code input_tokens}; all three are prompt tokens.
     */
    public static Optional<TokenUsage> usageOf(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Optional.empty();
        }
        long input = count(usage, "input_tokens");
        long cacheRead = count(usage, "cache_read_input_tokens");
        long cacheWrite = count(usage, "cache_creation_input_tokens");
        return Optional.of(new TokenUsage(input + cacheRead + cacheWrite, count(usage, "output_tokens"), cacheRead));
    }

    /** The Anthropic {@code usage} object for token counts: the inverse of {@link #usageOf}. */
    public static ObjectNode usage(TokenUsage tokens) {
        return Json.object()
                .put("input_tokens", tokens.promptTokens() - tokens.cachedPromptTokens())
                .put("output_tokens", tokens.completionTokens())
                .put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", tokens.cachedPromptTokens());
    }

    private static long count(JsonNode usage, String field) {
        return Math.max(0, usage.path(field).asLong(0));
    }

    /** A base64 {@code data:} URL, which OpenAI uses for inline images and files and Anthropic splits in two. */
    public record DataUrl(String mediaType, String data) {

        /** The parts of {@code data:<media type>;base64,<data>}, if {@code url} is one. */
        public static Optional<DataUrl> parse(String url) {
            if (url == null || !url.regionMatches(true, 0, "data:", 0, 5)) {
                return Optional.empty();
            }
            int comma = url.indexOf(',');
            if (comma < 0) {
                return Optional.empty();
            }
            String meta = url.substring(5, comma);
            if (!meta.toLowerCase(Locale.ROOT).endsWith(";base64")) {
                return Optional.empty();
            }
            return Optional.of(new DataUrl(meta.substring(0, meta.length() - 7), url.substring(comma + 1)));
        }

        public String toUrl() {
            return "data:" + mediaType + ";base64," + data;
        }
    }
}
