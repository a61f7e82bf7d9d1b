package dev.tollgate.commons.llm.transform;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.tollgate.commons.llm.Json;

/**
 * An LLM's answer read as JSON: as it is, or inside a Markdown code fence ({@code ```json … ```}),
 * which models add even when asked not to.
 *
 * @param text the JSON text (the fence's inside, for a fenced answer)
 * @param node the parsed value
 */
public record AnswerJson(String text, JsonNode node) {
    /** One JSON value and nothing after it: "{…} I hope this helps" is not JSON. */
    private static final ObjectReader STRICT = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String FENCE = "```";

    /** The answer's JSON; empty when it holds none. */
    public static Optional<AnswerJson> parse(String answer) {
        String text = answer.strip();
        Optional<AnswerJson> plain = read(text);
        if (plain.isPresent() || !text.startsWith(FENCE) || !text.endsWith(FENCE) || text.length() < 2 * FENCE.length()) {
            return plain;
        }
        String inside = text.substring(FENCE.length(), text.length() - FENCE.length());
        int nl = inside.indexOf('\n');
        // The fence's first line may name the language (```json); the JSON starts after it.
        return read((nl >= 0 && !inside.substring(0, nl).contains("{") ? inside.substring(nl + 1) : inside).strip());
    }

    private static Optional<AnswerJson> read(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode node = STRICT.readTree(text);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(new AnswerJson(text, node));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
