package dev.tollgate.db;

import java.util.List;

/**
 * What one model costs, per million tokens. {@code provider} null prices the model at every
 * provider; {@code cachedInputCost} null means cached prompt tokens cost {@code inputCost},
 * {@code reasoningOutputCost} null that reasoning tokens cost {@code outputCost}.
 */
public record ModelPrice(
        String id,
        String provider,
        String model,
        double inputCost,
        double outputCost,
        Double cachedInputCost,
        Double reasoningOutputCost,
        String currency,
        List<String> tags,
        long createdAt,
        long updatedAt) implements Entity {
    public ModelPrice {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** One price per provider and model; the database enforces it with this key (a null provider counts as one value). */
    public String priceKey() {
        return (provider == null ? "" : provider) + "|" + model;
    }

    /** What a reasoning token costs per million: {@code reasoningOutputCost}, or else {@code outputCost}. */
    public double effectiveReasoningOutputCost() {
        return reasoningOutputCost == null ? outputCost : reasoningOutputCost;
    }

    /** What a cached prompt token costs per million: {@code cachedInputCost}, or else {@code inputCost}. */
    public double effectiveCachedInputCost() {
        return cachedInputCost == null ? inputCost : cachedInputCost;
    }
}
