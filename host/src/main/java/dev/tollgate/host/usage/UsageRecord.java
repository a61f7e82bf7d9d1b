package dev.tollgate.host.usage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

import dev.tollgate.db.UsageEntry;

/**
 * The usage of one AI request, handed to {@link UsageRecorder#record} after the response.
 * Ids and names are null where the request had no consumer or route.
 *
 * @param at                   when the request was received
 * @param requestId            the request's correlation id, or null
 * @param provider             the provider's configuration name ({@code openai}, {@code anthropic}, ...)
 * @param requestedModel       the model the client asked for, or null
 * @param model                the model that answered (as the provider reported it)
 * @param routeType            the kind of call ({@code llm/v1/chat}, {@code llm/v1/embeddings}, {@code preserve})
 * @param promptTokens         input tokens, cached ones included
 * @param cachedPromptTokens   the part of {@code promptTokens} the provider served from its prompt cache
 * @param reasoningTokens      the part of {@code completionTokens} the model spent reasoning
 * @param tokensCounted        true when the gateway counted the tokens with its tokenizer because the provider gave no usage
 * @param cost                 in {@code currency}; null when no price is known for the model
 * @param currency             null when {@code cost} is
 * @param latencyMs            from receiving the request to the end of the response
 * @param timeToFirstTokenMs   -1 when unknown (not streamed)
 * @param timePerOutputTokenMs -1 when unknown
 * @param status               the HTTP status sent to the client
 * @param cacheStatus          {@code Hit}, {@code Miss} or {@code Bypass} when a response cache took part, else null
 * @param traceId              the W3C trace id the request carried upstream (or arrived with), else null
 */
public record UsageRecord(
        Instant at,
        String requestId,
        String consumerId,
        String consumerName,
        String routeId,
        String serviceId,
        String provider,
        String requestedModel,
        String model,
        String routeType,
        long promptTokens,
        long completionTokens,
        long totalTokens,
        long cachedPromptTokens,
        long reasoningTokens,
        boolean tokensCounted,
        Double cost,
        String currency,
        long latencyMs,
        long timeToFirstTokenMs,
        double timePerOutputTokenMs,
        int status,
        String cacheStatus,
        String traceId) implements UsageEntry {
    public UsageRecord {
        requireNonNull(at, "at");
        // NaN and infinities are not JSON: a record must survive the log line and the spill file.
        cost = cost == null || !Double.isFinite(cost) ? null : cost;
        timePerOutputTokenMs = Double.isFinite(timePerOutputTokenMs) ? timePerOutputTokenMs : -1;
    }
}
