package dev.tollgate.sdk.llm;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one LLM call used, as the plugin that made the call reports it and the gateway prices it.
 *
 * @param provider                 the provider that answered ({@code openai}, {@code anthropic}, ...)
 * @param requestedModel           the model the client asked for; empty when it left it to the gateway
 * @param model                    the model that answered
 * @param routeType                {@code llm/v1/chat}, {@code llm/v1/embeddings} or {@code preserve}
 * @param promptTokens             input tokens, cached ones included
 * @param completionTokens         output tokens
 * @param cachedPromptTokens       the part of {@code promptTokens} the provider served from its cache
 * @param tokensCounted            true when the gateway counted the tokens with its tokenizer because
 *                                 the provider reported none
 * @param cost                     the price of the call from the gateway's price table; empty when the
 *                                 model has no price
 * @param latencyMillis            from the gateway receiving the request to the whole answer
 * @param timeToFirstTokenMillis   from the gateway receiving the request to the first token; -1 unknown
 * @param timePerOutputTokenMillis mean time between output tokens after the first; -1 unknown
 * @param status                   the status the client got
 * @param cacheStatus              {@code Hit}, {@code Miss} or {@code Bypass} when a response cache took part
 */
public record LlmUsage(String provider, Optional<String> requestedModel, String model, String routeType,
                       long promptTokens, long completionTokens, long cachedPromptTokens, boolean tokensCounted,
                       OptionalDouble cost, long latencyMillis, long timeToFirstTokenMillis,
                       double timePerOutputTokenMillis, int status, Optional<String> cacheStatus) {

    public LlmUsage {
        requireNonNull(provider, "provider");
        requireNonNull(requestedModel, "requestedModel");
        requireNonNull(model, "model");
        requireNonNull(routeType, "routeType");
        requireNonNull(cost, "cost");
        requireNonNull(cacheStatus, "cacheStatus");
        if (promptTokens < 0 || completionTokens < 0 || cachedPromptTokens < 0) {
            throw new IllegalArgumentException("tokens: " + promptTokens + "/" + completionTokens + "/"
                    + cachedPromptTokens + " (expected: >= 0)");
        }
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }

    /** The same usage, priced. */
    public LlmUsage withCost(double cost) {
        return new LlmUsage(provider, requestedModel, model, routeType, promptTokens, completionTokens,
                cachedPromptTokens, tokensCounted, OptionalDouble.of(cost), latencyMillis, timeToFirstTokenMillis,
                timePerOutputTokenMillis, status, cacheStatus);
    }

    /** The same usage, with the status the client got. */
    public LlmUsage withStatus(int status) {
        return new LlmUsage(provider, requestedModel, model, routeType, promptTokens, completionTokens,
                cachedPromptTokens, tokensCounted, cost, latencyMillis, timeToFirstTokenMillis,
                timePerOutputTokenMillis, status, cacheStatus);
    }
}
