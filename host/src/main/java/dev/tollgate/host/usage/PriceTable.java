package dev.tollgate.host.usage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.db.ModelPrice;

/**
 * The configured model prices, indexed for the request path: a lookup is a few map reads and,
 * for a dated or suffixed model name, a scan of the configured names, without allocating.
 */
public final class PriceTable {
    private static final PriceTable EMPTY = of(List.of());

    /** provider → model → price, for prices of one provider. */
    private final Map<String, Map<String, Optional<ModelPrice>>> byProvider;
    /** model → price, for prices of any provider. */
    private final Map<String, Optional<ModelPrice>> anyProvider;
    /** provider → the prices a prefix may match (that provider's and any provider's), longest model first. */
    private final Map<String, Optional<ModelPrice>[]> prefixesByProvider;
    /** Any provider's prices, longest model first: the prefixes for a provider without prices of its own. */
    private final Optional<ModelPrice>[] anyPrefixes;
    private final List<ModelPrice> prices;

    private PriceTable(List<ModelPrice> prices) {
        this.prices = List.copyOf(prices);
        Map<String, Map<String, Optional<ModelPrice>>> exact = new HashMap<>();
        Map<String, Optional<ModelPrice>> any = new HashMap<>();
        for (ModelPrice p : prices) {
            if (p.provider() == null) {
                any.put(p.model(), Optional.of(p));
            } else {
                exact.computeIfAbsent(p.provider(), k -> new HashMap<>()).put(p.model(), Optional.of(p));
            }
        }
        this.byProvider = Map.copyOf(exact.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> Map.copyOf(e.getValue()))));
        this.anyProvider = Map.copyOf(any);
        this.anyPrefixes = longestFirst(any.values());
        Map<String, Optional<ModelPrice>[]> prefixes = new HashMap<>();
        exact.forEach((provider, own) -> {
            List<Optional<ModelPrice>> candidates = new ArrayList<>(own.values());
            candidates.addAll(any.values());
            prefixes.put(provider, longestFirst(candidates));
        });
        this.prefixesByProvider = Map.copyOf(prefixes);
    }

    /** Builds the table; at most one price per provider and model, as the store keeps them. */
    public static PriceTable of(List<ModelPrice> prices) {
        return new PriceTable(prices);
    }

    public static PriceTable empty() {
        return EMPTY;
    }

    /** Every configured price. */
    public List<ModelPrice> prices() {
        return prices;
    }

    /**
     * The price of {@code model} at {@code provider}: the provider's own price for that model,
     * else the price for any provider, else the price of the longest configured model name
     * that, followed by {@code '-'}, begins {@code model} ({@code gpt-4o-2024-08-06} is priced
     * as {@code gpt-4o}; {@code gpt-4o-mini} as itself). Prices of other providers never apply.
     * Names compare case-sensitively.
     *
     * @param provider the provider's configuration name; null matches prices for any provider only
     */
    public Optional<ModelPrice> find(String provider, String model) {
        if (model == null) {
            return Optional.empty();
        }
        Map<String, Optional<ModelPrice>> own = provider == null ? null : byProvider.get(provider);
        Optional<ModelPrice> found = own == null ? null : own.get(model);
        if (found == null) {
            found = anyProvider.get(model);
        }
        if (found != null) {
            return found;
        }
        Optional<ModelPrice>[] candidates = provider == null ? anyPrefixes : prefixesByProvider.getOrDefault(provider, anyPrefixes);
        for (Optional<ModelPrice> candidate : candidates) {
            String name = candidate.get().model();
            if (model.length() > name.length() && model.charAt(name.length()) == '-' && model.startsWith(name)) {
                return candidate;
            }
        }
        return Optional.empty();
    }

    /**
     * What a call costs in the price's currency: uncached prompt tokens at the input price,
     * cached ones at the cached-input price, completion tokens at the output price, all per
     * million. Cached tokens beyond the prompt tokens are taken as all of them.
     */
    public static double cost(ModelPrice price, long promptTokens, long completionTokens, long cachedPromptTokens) {
        return cost(price, promptTokens, completionTokens, cachedPromptTokens, 0);
    }

    /**
     * As {@link #cost(ModelPrice, long, long, long)}, with the reasoning part of the completion
     * tokens at the reasoning price (the output price unless the price sets its own).
     */
    public static double cost(ModelPrice price, long promptTokens, long completionTokens, long cachedPromptTokens,
                              long reasoningTokens) {
        long cached = Math.clamp(cachedPromptTokens, 0, Math.max(0, promptTokens));
        long reasoning = Math.clamp(reasoningTokens, 0, Math.max(0, completionTokens));
        return ((promptTokens - cached) * price.inputCost() + cached * price.effectiveCachedInputCost()
                + (completionTokens - reasoning) * price.outputCost() + reasoning * price.effectiveReasoningOutputCost()) / 1e6;
    }

    /** Longest model name first; among equally long names a provider's own price before any provider's. */
    @SuppressWarnings("unchecked")
    private static Optional<ModelPrice>[] longestFirst(java.util.Collection<Optional<ModelPrice>> prices) {
        return prices.stream()
                .sorted(Comparator.<Optional<ModelPrice>>comparingInt(p -> -p.get().model().length())
                        .thenComparing(p -> p.get().provider() == null))
                .toArray(Optional[]::new);
    }

    @Override
    public String toString() {
        return "PriceTable" + prices.stream().map(p -> (p.provider() == null ? "*" : p.provider()) + "/" + p.model()).toList();
    }
}
