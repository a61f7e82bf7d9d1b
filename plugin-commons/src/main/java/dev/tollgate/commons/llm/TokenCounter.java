package dev.tollgate.commons.llm;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens with a real BPE tokenizer when a provider reports none (some streams, some
 * servers): OpenAI's own encodings, chosen by model family. Other families (Claude, Gemini,
 * Mistral, Llama) have no public tokenizer of the same kind; they are counted with
 * {@code cl100k_base}, which is within a few per cent on English text — still a count, not a
 * characters / 4 guess. Thread-safe; the encodings are loaded once.
 */
public final class TokenCounter {
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    /** OpenAI's per-message framing in chat prompts: {@code <|start|>role\n … <|end|>\n}. */
    private static final int TOKENS_PER_MESSAGE = 3;
    /** Every reply is primed with {@code <|start|>assistant<|message|>}. */
    private static final int REPLY_PRIMING = 3;

    private TokenCounter() {
    }

    /** The encoding for a model: o200k_base for the GPT-4o generation on, cl100k_base otherwise. */
    public static Encoding encodingFor(String model) {
        String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
        boolean o200k = m.startsWith("gpt-4o") || m.startsWith("gpt-4.1") || m.startsWith("gpt-4.5")
                || m.startsWith("gpt-5") || m.startsWith("o1") || m.startsWith("o3") || m.startsWith("o4")
                || m.startsWith("chatgpt-4o") || m.startsWith("gpt-oss");
        return REGISTRY.getEncoding(o200k ? EncodingType.O200K_BASE : EncodingType.CL100K_BASE);
    }

    /** Tokens of a piece of text. */
    public static long count(String model, String text) {
        return text == null || text.isEmpty() ? 0 : encodingFor(model).countTokensOrdinary(text);
    }

    /**
     * Prompt tokens of an OpenAI chat request as OpenAI counts them: each message's role, name
     * and text plus its framing, tool definitions as their JSON, and the reply's priming.
     */
    public static long countPrompt(String model, JsonNode request) {
        Encoding enc = encodingFor(model);
        long n = 0;
        for (JsonNode message : request.path("messages")) {
            n += TOKENS_PER_MESSAGE;
            n += ordinary(enc, message.path("role").asText(""));
            n += ordinary(enc, textOf(message.get("content")));
            if (message.hasNonNull("name")) {
                n += 1 + ordinary(enc, message.get("name").asText());
            }
            for (JsonNode call : message.path("tool_calls")) {
                n += ordinary(enc, call.path("function").path("name").asText(""));
                n += ordinary(enc, call.path("function").path("arguments").asText(""));
            }
        }
        if (request.has("tools")) {
            n += ordinary(enc, request.get("tools").toString());
        }
        return n + REPLY_PRIMING;
    }

    /** Input tokens of an embeddings request: a string or a list of strings. */
    public static long countInput(String model, JsonNode input) {
        if (input == null) {
            return 0;
        }
        if (input.isTextual()) {
            return count(model, input.asText());
        }
        long n = 0;
        for (JsonNode item : input) {
            n += item.isTextual() ? count(model, item.asText()) : item.isArray() ? item.size() : 0;
        }
        return n;
    }

    private static long ordinary(Encoding enc, String text) {
        return text.isEmpty() ? 0 : enc.countTokensOrdinary(text);
    }

    /** A message's text: the string content, or its text parts. */
    private static String textOf(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            if (part.hasNonNull("text")) {
                sb.append(part.get("text").asText());
            }
        }
        return sb.toString();
    }
}
