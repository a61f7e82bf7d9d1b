package dev.tollgate.commons.llm;

/**
 * Token counts of one call as the provider reported them (or as the gateway counted them).
 *
 * @param promptTokens       input tokens, cached ones included
 * @param completionTokens   output tokens
 * @param cachedPromptTokens the part of {@code promptTokens} served from the provider's prompt cache
 */
public record TokenUsage(long promptTokens, long completionTokens, long cachedPromptTokens) {

    public static final TokenUsage NONE = new TokenUsage(0, 0, 0);

    public TokenUsage {
        if (promptTokens < 0 || completionTokens < 0 || cachedPromptTokens < 0) {
            throw new IllegalArgumentException("token counts: " + promptTokens + "/" + completionTokens + "/"
                    + cachedPromptTokens + " (expected: >= 0)");
        }
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
