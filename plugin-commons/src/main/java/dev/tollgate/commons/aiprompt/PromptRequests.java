package dev.tollgate.commons.aiprompt;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tollgate.commons.llm.Json;
import dev.tollgate.sdk.PluginContext;

/**
 * What the prompt plugins (ai-prompt-template, ai-prompt-decorator, ai-prompt-guard) share: the
 * bound on the body they read, Kong's wording for requests they cannot work on, and refusals in
 * OpenAI's error shape.
 */
public final class PromptRequests {
    /** Kong's answer to a body that is not a JSON object. */
    public static final String NOT_JSON = "this LLM route only supports application/json requests";
    /** The error code of a body over {@code max_request_body_size}. */
    public static final String TOO_LARGE_CODE = "request_too_large";

    private PromptRequests() {
    }

    /**
     * The client's body, or null once the request has been refused ({@code 413}) for a body
     * longer than {@code maxBytes}. A declared Content-Length over the limit is refused without
     * reading the body. An empty array means the request has no body ({@code GET …/models}).
     */
    public static byte[] bodyWithin(PluginContext ctx, long maxBytes, String plugin) {
        long declared = ctx.request().header("Content-Length").map(PromptRequests::length).orElse(-1L);
        if (declared > maxBytes) {
            refuseTooLarge(ctx, declared, maxBytes, plugin);
            return null;
        }
        byte[] body = ctx.request().body();
        if (body.length > maxBytes) {
            refuseTooLarge(ctx, body.length, maxBytes, plugin);
            return null;
        }
        return body;
    }

    /** True when {@code body} is a JSON object: tells "not JSON" from "not the expected fields" in refusals. */
    public static boolean isJsonObject(byte[] body) {
        return Json.tryParseObject(new String(body, StandardCharsets.UTF_8)) != null;
    }

    /** Answers the client {@code status} with {@code {"error":{"message","type","code"}}}. */
    public static void refuse(PluginContext ctx, int status, String message, String code) {
        ctx.response().exit(status, error(message, code));
    }

    /** OpenAI's error object (a Map, as {@code exit} sends maps as JSON). */
    public static Map<String, Object> error(String message, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", "invalid_request_error");
        error.put("code", code);
        return Map.of("error", error);
    }

    private static void refuseTooLarge(PluginContext ctx, long length, long maxBytes, String plugin) {
        refuse(ctx, 413, "request body of " + length + " bytes is larger than the " + maxBytes + " bytes " + plugin
                + " inspects (max_request_body_size)", TOO_LARGE_CODE);
    }

    /** The declared length; -1 when it is not a number, and longer than a long holds is longer than any limit. */
    private static long length(String header) {
        String v = header.strip();
        if (v.isEmpty() || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return v.length() > 18 ? Long.MAX_VALUE : Long.parseLong(v);
    }
}
