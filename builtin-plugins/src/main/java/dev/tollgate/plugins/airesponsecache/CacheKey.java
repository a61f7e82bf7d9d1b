package dev.tollgate.plugins.airesponsecache;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;

/**
 * The cache key of a request: SHA-256 of its scope and of its body in a canonical JSON form —
 * object keys sorted at every level, no whitespace, numbers written one way ({@code 0.70} is
 * {@code 0.7}, {@code 1.0} is {@code 1}), strings exact. Every field that can change the answer
 * is part of it (model, messages, temperature, tools, seed, ...), unknown ones included, so a
 * new provider parameter can only make a miss, never a wrong hit. The stream flag is part of it:
 * a streamed and a whole answer are separate entries (see docs/plugins.md).
 */
final class CacheKey {
    /** Fields that say who asks or where a copy is kept, not what is answered. */
    static final Set<String> IGNORED = Set.of("user", "metadata", "store");

    /** Who may share an answer: the route, and the consumer and header values when configured. */
    record Scope(String routeId, Optional<String> consumerId, Map<String, List<String>> vary) {
        Scope {
            vary = new TreeMap<>(vary);
        }
    }

    private CacheKey() {
    }

    /** The key, or empty when the body is not a JSON object (nothing to cache: the proxy refuses it). */
    static Optional<String> of(byte[] body, Scope scope) {
        ObjectNode request;
        try {
            request = Json.parseObject(body);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        normalize(request);
        MessageDigest sha = sha256();
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(new DigestOutputStream(OutputStream.nullOutputStream(), sha))) {
            g.writeStartObject();
            g.writeNumberField("v", 1);
            g.writeStringField("route", scope.routeId());
            g.writeStringField("consumer", scope.consumerId().orElse(null));
            g.writeObjectField("vary", scope.vary());
            g.writeFieldName("request");
            canonical(request, g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(HexFormat.of().formatHex(sha.digest()));
    }

    /** Drops what does not change the answer; {@code "stream": false} is the same as no stream field. */
    private static void normalize(ObjectNode request) {
        request.remove(IGNORED);
        if (!request.path("stream").asBoolean(false)) {
            request.remove("stream");
            request.remove("stream_options"); // only read for streams
        }
    }

    /** Writes {@code node} in the canonical form. */
    static void canonical(JsonNode node, JsonGenerator g) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                TreeMap<String, JsonNode> sorted = new TreeMap<>();
                node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
                for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                    g.writeFieldName(e.getKey());
                    canonical(e.getValue(), g);
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode element : node) {
                    canonical(element, g);
                }
                g.writeEndArray();
            }
            case NUMBER -> g.writeNumber(number(node));
            case STRING -> g.writeString(node.textValue());
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            default -> g.writeNull();
        }
    }

    /** One spelling per value: integers as integers, decimals without trailing zeros. */
    static String number(JsonNode n) {
        if (n.isIntegralNumber()) {
            return n.bigIntegerValue().toString();
        }
        if (!Double.isFinite(n.doubleValue()) && !n.isBigDecimal()) {
            return n.asText(); // out of double's range: compared as written
        }
        BigDecimal d = n.decimalValue().stripTrailingZeros();
        return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
