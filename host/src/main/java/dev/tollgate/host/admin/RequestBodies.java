package dev.tollgate.host.admin;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.db.EntityJson;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * Reads Admin API bodies: JSON objects, and form bodies as curl sends them
 * ({@code paths[]=/ai/chat}, {@code config.minute=5}, {@code service.id=...}).
 * Form values arrive as strings; {@link FieldReader} converts them by the field's type.
 */
final class RequestBodies {
    /** Admin bodies are configuration, not payloads: anything larger is a mistake or an attack. */
    static final int MAX_BODY = 1024 * 1024;
    private static final int MAX_DEPTH = 8;
    /** Configuration is shallow; a deeper body is refused before it can cost a deep recursion. */
    static final int MAX_JSON_DEPTH = 64;
    private static final ObjectMapper JSON = limited(EntityJson.mapper().copy());

    private RequestBodies() {
    }

    /** The parsed body and whether it came from a form (so strings may stand for numbers and booleans). */
    record Body(ObjectNode node, boolean form) {}

    static Body read(ServerRequest req) {
        byte[] raw = readRaw(req);
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("").toLowerCase(Locale.ROOT);
        if (raw.length == 0 || new String(raw, StandardCharsets.UTF_8).isBlank()) {
            return new Body(JsonNodeFactory.instance.objectNode(), false);
        }
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return new Body(form(new String(raw, StandardCharsets.UTF_8)), true);
        }
        if (type.startsWith("multipart/")) {
            throw AdminException.of(415, "multipart bodies are not supported: send JSON or application/x-www-form-urlencoded");
        }
        // JSON is the default, as with Kong, when the content type says nothing else.
        JsonNode node;
        try {
            node = JSON.readTree(raw);
        } catch (StreamConstraintsException e) {
            throw AdminException.badRequest("Cannot parse JSON body: nested deeper than " + MAX_JSON_DEPTH
                    + " levels (expected: at most " + MAX_JSON_DEPTH + ")");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw AdminException.badRequest("Cannot parse JSON body: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw AdminException.badRequest("Cannot read body: " + e.getMessage());
        }
        if (!(node instanceof ObjectNode obj)) {
            throw AdminException.badRequest("Cannot parse JSON body: expected a JSON object, got " + kind(node));
        }
        return new Body(obj, false);
    }

    private static ObjectMapper limited(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_DEPTH).build());
        return mapper;
    }

    private static byte[] readRaw(ServerRequest req) {
        long declared = req.headers().contentLength().orElse(-1);
        if (declared > MAX_BODY) {
            throw AdminException.of(413, "request body of " + declared + " bytes is too large (expected: <= " + MAX_BODY + " bytes)");
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] data = in.readNBytes(MAX_BODY + 1);
            if (data.length > MAX_BODY) {
                throw AdminException.of(413, "request body is too large (expected: <= " + MAX_BODY + " bytes)");
            }
            return data;
        } catch (IOException e) {
            throw AdminException.badRequest("Cannot read body: " + e.getMessage());
        }
    }

    static ObjectNode form(String body) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key;
            String value;
            try {
                key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw AdminException.badRequest("Cannot parse form body: " + e.getMessage());
            }
            put(root, key, value);
        }
        return root;
    }

    /** {@code a.b.c=v} nests; {@code a[]=v} and {@code a[1]=v} append to an array. */
    private static void put(ObjectNode root, String key, String value) {
        boolean array = false;
        String k = key;
        int bracket = k.indexOf('[');
        if (bracket >= 0 && k.endsWith("]")) {
            String index = k.substring(bracket + 1, k.length() - 1);
            if (!index.isEmpty() && !index.chars().allMatch(Character::isDigit)) {
                throw AdminException.schema(key, "invalid array index '" + index + "'");
            }
            array = true;
            k = k.substring(0, bracket);
        }
        String[] parts = k.split("\\.", -1);
        if (parts.length > MAX_DEPTH) {
            throw AdminException.schema(key, "nested too deeply (expected: at most " + MAX_DEPTH + " levels)");
        }
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].isEmpty()) {
                throw AdminException.schema(key, "empty name segment");
            }
            JsonNode child = node.get(parts[i]);
            if (child == null) {
                child = node.putObject(parts[i]);
            } else if (!child.isObject()) {
                throw AdminException.schema(k, "conflicts with another value given for '" + parts[i] + "'");
            }
            node = (ObjectNode) child;
        }
        String leaf = parts[parts.length - 1];
        JsonNode existing = node.get(leaf);
        if (array || existing != null) {
            ArrayNode arr;
            if (existing instanceof ArrayNode a) {
                arr = a;
            } else {
                arr = node.putArray(leaf);
                if (existing != null && existing.isTextual()) {
                    arr.add(existing.asText());
                }
            }
            arr.add(value);
        } else {
            node.put(leaf, value);
        }
    }

    static String kind(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NUMBER -> "a number";
            case STRING -> "a string";
            case BOOLEAN -> "a boolean";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
