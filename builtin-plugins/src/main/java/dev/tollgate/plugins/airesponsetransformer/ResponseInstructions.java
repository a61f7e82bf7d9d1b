package dev.tollgate.plugins.airesponsetransformer;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.transform.AnswerJson;
import dev.tollgate.commons.llm.transform.TransformationException;

/**
 * What the LLM says the client gets, with {@code parse_llm_response_json_instructions}:
 * {@code {"status": 200, "headers": {"name": "value"}, "body": "…"}}. As Kong reads it, the status
 * defaults to 200 and a missing body makes the whole object the body. The LLM writes it, so it
 * is checked as hostile input: a status out of range or a header that is not a valid name and
 * one-line value is refused, and the headers that frame the response are the gateway's.
 *
 * @param jsonBody true when the body is JSON rather than a string
 */
record ResponseInstructions(int status, Map<String, String> headers, byte[] body, boolean jsonBody) {
    static final String NOT_AN_OBJECT = "the transformer LLM's answer is not a JSON object of status, headers and body";
    static final String BAD_STATUS = "the transformer LLM's answer sets an invalid status (expected: 200..599): ";
    static final String BAD_HEADERS = "the transformer LLM's answer sets headers that are not an object of names to values";
    static final String BAD_HEADER = "the transformer LLM's answer sets an invalid header: ";
    private static final int MAX_HEADER_VALUE = 8 * 1024;
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");
    /** How the response is framed and encoded is decided by the gateway, not by a model. */
    private static final Set<String> GATEWAY_HEADERS = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "upgrade", "te", "trailer", "proxy-connection", "content-encoding");

    static ResponseInstructions parse(String answer) {
        JsonNode root = AnswerJson.parse(answer).map(AnswerJson::node).filter(JsonNode::isObject)
                .orElseThrow(() -> TransformationException.unusable(NOT_AN_OBJECT));
        JsonNode b = root.get("body");
        JsonNode body = b == null || b.isNull() ? root : b;
        boolean json = !body.isTextual();
        return new ResponseInstructions(status(root.get("status")), headers(root.get("headers")),
                json ? Json.bytes(body) : body.asText().getBytes(StandardCharsets.UTF_8), json);
    }

    private static int status(JsonNode node) {
        if (node == null || node.isNull()) {
            return 200;
        }
        String text = node.isIntegralNumber() || node.isTextual() ? node.asText().strip() : "";
        if (!text.matches("[2-5][0-9][0-9]")) {
            throw TransformationException.unusable(BAD_STATUS + brief(node));
        }
        return Integer.parseInt(text);
    }

    private static Map<String, String> headers(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw TransformationException.unusable(BAD_HEADERS);
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String name = e.getKey();
            JsonNode v = e.getValue();
            if (!TOKEN.matcher(name).matches() || !(v.isTextual() || v.isNumber() || v.isBoolean())
                    || !oneLine(v.asText())) {
                throw TransformationException.unusable(BAD_HEADER + brief(name));
            }
            if (!GATEWAY_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                out.put(name, v.asText());
            }
        }
        return out;
    }

    private static boolean oneLine(String value) {
        if (value.length() > MAX_HEADER_VALUE) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static String brief(Object value) {
        String s = value instanceof JsonNode n ? Json.string(n) : String.valueOf(value);
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }
}
