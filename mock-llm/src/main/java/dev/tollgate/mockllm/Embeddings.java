package dev.tollgate.mockllm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * OpenAI's {@code POST /v1/embeddings}. A vector is derived from a SHA-256 of its input, so the
 * same text always gets the same vector and different texts almost surely differ.
 */
final class Embeddings {

    static final int DIMENSIONS = 8;
    static final String DEFAULT_MODEL = "mock-embedding";

    private Embeddings() {
    }

    static void answer(Exchange exchange) {
        List<String> inputs;
        String model;
        boolean base64;
        try {
            ObjectNode request = RequestJson.parseObject(exchange.request().body());
            inputs = inputs(request.get("input"));
            model = RequestJson.string(request, "model", DEFAULT_MODEL);
            String format = RequestJson.string(request, "encoding_format", "float");
            if (!format.equals("float") && !format.equals("base64")) {
                throw new IllegalArgumentException("encoding_format: " + format + " (expected: float or base64)");
            }
            // The official OpenAI SDKs ask for base64 by default and decode it themselves.
            base64 = format.equals("base64");
        } catch (IllegalArgumentException e) {
            exchange.sendJson(400, ErrorBodies.openAi(400, e.getMessage()));
            return;
        }
        ObjectNode body = Exchange.MAPPER.createObjectNode().put("object", "list");
        ArrayNode data = body.putArray("data");
        int tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            float[] vector = vector(inputs.get(i));
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            if (base64) {
                item.put("embedding", toBase64(vector));
            } else {
                item.set("embedding", values(vector));
            }
            tokens += ContentGenerator.words(inputs.get(i)).size();
        }
        body.put("model", model);
        body.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        exchange.sendJson(200, body);
    }

    /** A string or a non-empty array of strings, as OpenAI's and Ollama's {@code input} is. */
    static List<String> inputs(JsonNode input) {
        if (input != null && input.isTextual()) {
            return List.of(input.asText());
        }
        if (input != null && input.isArray() && !input.isEmpty()) {
            List<String> inputs = new ArrayList<>(input.size());
            for (JsonNode item : input) {
                if (!item.isTextual()) {
                    throw new IllegalArgumentException("input: " + RequestJson.brief(input)
                            + " (expected: a string or a non-empty array of strings)");
                }
                inputs.add(item.asText());
            }
            return inputs;
        }
        throw new IllegalArgumentException(
                "input: " + RequestJson.brief(input) + " (expected: a string or a non-empty array of strings)");
    }

    static float[] vector(String input) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
        ByteBuffer bytes = ByteBuffer.wrap(hash);
        float[] vector = new float[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            // 4 hash bytes -> a value in [-1, 1], rounded so that JSON stays short
            float value = bytes.getInt(i * 4) / (float) Integer.MAX_VALUE;
            vector[i] = Math.round(value * 1_000_000f) / 1_000_000f;
        }
        return vector;
    }

    /** The vector of {@code input} as a JSON array of numbers. */
    static ArrayNode values(String input) {
        return values(vector(input));
    }

    private static ArrayNode values(float[] vector) {
        ArrayNode values = Exchange.MAPPER.createArrayNode();
        for (float v : vector) {
            values.add(v);
        }
        return values;
    }

    private static String toBase64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vector) {
            bytes.putFloat(v);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
