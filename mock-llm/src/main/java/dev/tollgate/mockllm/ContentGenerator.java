package dev.tollgate.mockllm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Makes the mock's answers and token counts. Everything is a pure function of the request, so a
 * test (or a gateway's cache) sees the same answer for the same request.
 *
 * <p>A "token" here is one whitespace-separated word. Completion tokens are the words of the
 * answer (of a tool call, the pieces of its arguments: see {@link ToolCalls#pieces}); prompt
 * tokens are the words of all message texts (and the system prompt) plus
 * {@value #TOKENS_PER_MESSAGE} per message, a rough stand-in for the role and framing tokens a
 * real tokenizer adds.
 */
final class ContentGenerator {

    static final int TOKENS_PER_MESSAGE = 3;
    /** How many words of the user's message the answer quotes; keeps answers short by default. */
    static final int QUOTED_WORDS = 12;

    private static final List<String> PREFIX = List.of("Mock", "response", "to:");
    /** An answer to a tool result says so, and quotes the result, so a test sees that it arrived. */
    private static final List<String> TOOL_RESULT_PREFIX = List.of("Mock", "response", "to", "tool", "result:");
    private static final String[] FILLER = (
            "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor "
            + "incididunt ut labore et dolore magna aliqua").split(" ");

    private ContentGenerator() {
    }

    /**
     * The answer to {@code prompt}: "Mock response to: " and the first words of the prompt,
     * padded with filler or cut to exactly {@code wantedWords} when given, then cut to
     * {@code maxWords} when given (which marks the answer as truncated).
     */
    static Completion complete(String prompt, OptionalInt wantedWords, OptionalInt maxWords) {
        return complete(PREFIX, prompt, wantedWords, maxWords);
    }

    /** As {@link #complete(String, OptionalInt, OptionalInt)}, beginning "Mock response to tool result: ". */
    static Completion completeToolResult(String result, OptionalInt wantedWords, OptionalInt maxWords) {
        return complete(TOOL_RESULT_PREFIX, result, wantedWords, maxWords);
    }

    private static Completion complete(
            List<String> prefix, String quote, OptionalInt wantedWords, OptionalInt maxWords) {
        List<String> words = new ArrayList<>(prefix);
        List<String> quoted = words(quote);
        words.addAll(quoted.subList(0, Math.min(QUOTED_WORDS, quoted.size())));
        if (wantedWords.isPresent()) {
            int wanted = wantedWords.getAsInt();
            for (int i = 0; words.size() < wanted; i++) {
                words.add(FILLER[i % FILLER.length]);
            }
            words = words.subList(0, wanted);
        }
        if (maxWords.isPresent() && maxWords.getAsInt() < words.size()) {
            return new Completion(List.copyOf(words.subList(0, maxWords.getAsInt())), true);
        }
        return new Completion(List.copyOf(words), false);
    }

    /**
     * The text of a message's {@code content}: a string, or the text parts of a block array,
     * including the content of Anthropic's {@code tool_result} blocks.
     */
    static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        if (content.isArray()) {
            for (JsonNode part : content) {
                String partText = part.path("type").asText().equals("tool_result")
                        ? text(part.get("content")) : part.path("text").asText("");
                if (!partText.isEmpty()) {
                    text.append(text.isEmpty() ? "" : " ").append(partText);
                }
            }
        }
        return text.toString();
    }

    static int promptTokens(List<String> messageTexts, String system) {
        int tokens = words(system).size();
        for (String text : messageTexts) {
            tokens += TOKENS_PER_MESSAGE + words(text).size();
        }
        return tokens;
    }

    static List<String> words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
    }

    /**
     * @param words     the answer, one token per word
     * @param truncated whether a token limit cut it ("length" / "max_tokens")
     */
    record Completion(List<String> words, boolean truncated) implements Reply {

        String text() {
            return String.join(" ", words);
        }

        @Override
        public int tokens() {
            return words.size();
        }

        /** The piece streamed for word {@code i}; the pieces joined give {@link #text()}. */
        @Override
        public String piece(int i) {
            return i == 0 ? words.get(0) : " " + words.get(i);
        }
    }
}
