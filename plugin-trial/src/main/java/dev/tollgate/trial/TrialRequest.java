package dev.tollgate.trial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The request a trial runs a plugin on, and what the upstream answers it, read from JSON:
 *
 * <pre>{@code
 * {"method": "POST", "path": "/v1/chat/completions", "query": "",
 *  "headers": {"content-type": "application/json", "apikey": "k1"},
 *  "body": {"model": "gpt-4o", "messages": [{"role": "user", "content": "Hi"}]},
 *  "consumer": "my-ai-app",
 *  "upstream": {"status": 200, "headers": {"content-type": "application/json"}, "body": {"id": "chatcmpl-1"}}}
 * }</pre>
 *
 * Every field is optional. A body may be a string or any JSON value (sent as JSON); a header's
 * value a string or a list of strings. Without {@code upstream}, the upstream answers 200 with
 * an OpenAI-style chat completion.
 *
 * @param consumer the username of the consumer the request is authenticated as, or null
 */
public record TrialRequest(String method, String path, String query, Map<String, List<String>> headers, String body,
                           String consumer, int upstreamStatus, Map<String, List<String>> upstreamHeaders,
                           String upstreamBody) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String DEFAULT_REQUEST = """
            {"method": "POST", "path": "/v1/chat/completions",
             "headers": {"content-type": "application/json"},
             "body": {"model": "gpt-4o", "messages": [{"role": "user", "content": "Hello!"}]}}
            """;
    private static final String DEFAULT_ANSWER = "{\"id\":\"chatcmpl-trial\",\"object\":\"chat.completion\",\"model\":\"gpt-4o\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello! How can I help?\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":7,\"total_tokens\":16}}";

    /** A chat completion request, as when no request is given. */
    public static TrialRequest sample() {
        return parse(DEFAULT_REQUEST);
    }

    /** @throws IllegalArgumentException naming the file and what is wrong with it (missing, not UTF-8, not a request) */
    public static TrialRequest read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file", e);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming the field that is wrong */
    public static TrialRequest parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object (method, path, headers, body, consumer, upstream)");
        }
        JsonNode up = root.path("upstream");
        if (!up.isMissingNode() && !up.isObject()) {
            throw new IllegalArgumentException("upstream: expected an object (status, headers, body)");
        }
        JsonNode statusNode = up.path("status");
        if (!statusNode.isMissingNode() && !statusNode.isNull() && !statusNode.canConvertToInt()) {
            throw new IllegalArgumentException("upstream.status: " + statusNode + " (expected: an integer, 100..599)");
        }
        int status = statusNode.asInt(200);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("upstream.status: " + status + " (expected: 100..599)");
        }
        return new TrialRequest(text(root, "method", "GET").toUpperCase(java.util.Locale.ROOT), text(root, "path", "/"),
                text(root, "query", ""), headers(root.path("headers"), "headers"), body(root.path("body")),
                root.hasNonNull("consumer") ? root.get("consumer").asText() : null, status,
                headers(up.path("headers"), "upstream.headers"),
                up.has("body") ? body(up.path("body")) : DEFAULT_ANSWER);
    }

    private static String text(JsonNode root, String field, String fallback) {
        JsonNode v = root.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(field + ": expected a string");
        }
        return v.asText();
    }

    private static Map<String, List<String>> headers(JsonNode node, String field) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(field + ": expected an object of header names to values");
        }
        node.fields().forEachRemaining(e -> {
            List<String> values = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(v -> values.add(v.asText()));
            } else if (e.getValue().isValueNode()) {
                values.add(e.getValue().asText());
            } else {
                throw new IllegalArgumentException(field + "." + e.getKey() + ": expected a string or a list of strings");
            }
            out.put(e.getKey().toLowerCase(java.util.Locale.ROOT), values);
        });
        return out;
    }

    private static String body(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return "";
        }
        return node.isTextual() ? node.asText() : node.toString();
    }
}
