package dev.tollgate.commons.llm;

/**
 * Token counts of one call as the provider reported them (or as the gateway counted them).
 *
 * @param promptTokens       input tokens, cached ones included
 * @param completionTokens   output tokens
 * @param cachedPromptTokens the part of {@code promptTokens} served from the provider's prompt cache
 * @param reasoningTokens    the part of {@code completionTokens} the model spent reasoning
 */
public record TokenUsage(long promptTokens, long completionTokens, long cachedPromptTokens, long reasoningTokens) {

    public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0);

    public TokenUsage {
        if (promptTokens < 0 || completionTokens < 0 || cachedPromptTokens < 0 || reasoningTokens < 0) {
            throw new IllegalArgumentException("token counts: " + promptTokens + "/" + completionTokens + "/"
                    + cachedPromptTokens + "/" + reasoningTokens + " (expected: >= 0)");
        }
    }

    /** Counts without reasoning tokens. */
    public TokenUsage(long promptTokens, long completionTokens, long cachedPromptTokens) {
        this(promptTokens, completionTokens, cachedPromptTokens, 0);
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
