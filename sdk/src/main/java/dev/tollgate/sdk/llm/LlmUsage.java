package dev.tollgate.sdk.llm;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one LLM call used, as the plugin that made the call reports it and the gateway prices it.
 * Built with {@link #builder()}, so that fields can be added without breaking compiled plugins:
 *
 * <pre>{@code
 * LlmUsage usage = LlmUsage.builder()
 *         .provider("openai").model("gpt-4o-2024-08-06").routeType("llm/v1/chat")
 *         .promptTokens(12).completionTokens(30)
 *         .latencyMillis(840).status(200)
 *         .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class LlmUsage {
    private final String provider;
    private final Optional<String> requestedModel;
    private final String model;
    private final String routeType;
    private final long promptTokens;
    private final long completionTokens;
    private final long cachedPromptTokens;
    private final long reasoningTokens;
    private final boolean tokensCounted;
    private final OptionalDouble cost;
    private final long latencyMillis;
    private final long timeToFirstTokenMillis;
    private final double timePerOutputTokenMillis;
    private final int status;
    private final Optional<String> cacheStatus;
    private final Optional<String> responseId;
    private final java.util.List<String> finishReasons;

    private LlmUsage(Builder b) {
        this.provider = requireNonNull(b.provider, "provider");
        this.requestedModel = requireNonNull(b.requestedModel, "requestedModel");
        this.model = requireNonNull(b.model, "model");
        this.routeType = requireNonNull(b.routeType, "routeType");
        this.cost = requireNonNull(b.cost, "cost");
        this.cacheStatus = requireNonNull(b.cacheStatus, "cacheStatus");
        this.responseId = Optional.ofNullable(b.responseId);
        this.finishReasons = java.util.List.copyOf(b.finishReasons);
        if (b.promptTokens < 0 || b.completionTokens < 0 || b.cachedPromptTokens < 0 || b.reasoningTokens < 0) {
            throw new IllegalArgumentException("tokens: " + b.promptTokens + "/" + b.completionTokens + "/"
                    + b.cachedPromptTokens + "/" + b.reasoningTokens + " (expected: >= 0)");
        }
        this.promptTokens = b.promptTokens;
        this.completionTokens = b.completionTokens;
        this.cachedPromptTokens = b.cachedPromptTokens;
        this.reasoningTokens = b.reasoningTokens;
        this.tokensCounted = b.tokensCounted;
        this.latencyMillis = b.latencyMillis;
        this.timeToFirstTokenMillis = b.timeToFirstTokenMillis;
        this.timePerOutputTokenMillis = b.timePerOutputTokenMillis;
        this.status = b.status;
    }

    /** A builder with nothing set: {@code provider}, {@code model} and {@code routeType} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this usage's values, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.provider = provider;
        b.requestedModel = requestedModel;
        b.model = model;
        b.routeType = routeType;
        b.promptTokens = promptTokens;
        b.completionTokens = completionTokens;
        b.cachedPromptTokens = cachedPromptTokens;
        b.reasoningTokens = reasoningTokens;
        b.responseId = responseId.orElse(null);
        b.finishReasons = finishReasons;
        b.tokensCounted = tokensCounted;
        b.cost = cost;
        b.latencyMillis = latencyMillis;
        b.timeToFirstTokenMillis = timeToFirstTokenMillis;
        b.timePerOutputTokenMillis = timePerOutputTokenMillis;
        b.status = status;
        b.cacheStatus = cacheStatus;
        return b;
    }

    /** The provider that answered ({@code openai}, {@code anthropic}, ...). */
    public String provider() {
        return provider;
    }

    /** The model the client asked for; empty when it left it to the gateway. */
    public Optional<String> requestedModel() {
        return requestedModel;
    }

    /** The model that answered. */
    public String model() {
        return model;
    }

    /** {@code llm/v1/chat}, {@code llm/v1/embeddings} or {@code preserve}. */
    public String routeType() {
        return routeType;
    }

    /** Input tokens, cached ones included. */
    public long promptTokens() {
        return promptTokens;
    }

    /** Output tokens. */
    public long completionTokens() {
        return completionTokens;
    }

    /** The part of {@link #promptTokens()} the provider served from its cache. */
    public long cachedPromptTokens() {
        return cachedPromptTokens;
    }

    /**
     * The part of {@link #completionTokens()} the model spent reasoning before it answered
     * (OpenAI's {@code reasoning_tokens}, Gemini's {@code thoughtsTokenCount}); 0 when the
     * provider reports none.
     *
     * @since 0.2.0
     */
    public long reasoningTokens() {
        return reasoningTokens;
    }

    /**
     * The provider's id of the answer ({@code chatcmpl-…}), when it gave one.
     *
     * @since 0.2.0
     */
    public Optional<String> responseId() {
        return responseId;
    }

    /**
     * Why the model stopped, one reason per choice in OpenAI's words ({@code stop}, {@code length},
     * {@code tool_calls}, {@code content_filter}); empty when unknown.
     *
     * @since 0.2.0
     */
    public java.util.List<String> finishReasons() {
        return finishReasons;
    }

    /** True when the gateway counted the tokens with its tokenizer because the provider reported none. */
    public boolean tokensCounted() {
        return tokensCounted;
    }

    /** The price of the call from the gateway's price table; empty when the model has no price. */
    public OptionalDouble cost() {
        return cost;
    }

    /** From the gateway receiving the request to the whole answer. */
    public long latencyMillis() {
        return latencyMillis;
    }

    /** From the gateway receiving the request to the first token; -1 when unknown. */
    public long timeToFirstTokenMillis() {
        return timeToFirstTokenMillis;
    }

    /** Mean time between output tokens after the first; -1 when unknown. */
    public double timePerOutputTokenMillis() {
        return timePerOutputTokenMillis;
    }

    /** The status the client got. */
    public int status() {
        return status;
    }

    /** {@code Hit}, {@code Miss} or {@code Bypass} when a response cache took part. */
    public Optional<String> cacheStatus() {
        return cacheStatus;
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }

    /** The same usage, priced. */
    public LlmUsage withCost(double cost) {
        return toBuilder().cost(cost).build();
    }

    /** The same usage, with the status the client got. */
    public LlmUsage withStatus(int status) {
        return toBuilder().status(status).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LlmUsage u && provider.equals(u.provider) && requestedModel.equals(u.requestedModel)
                && model.equals(u.model) && routeType.equals(u.routeType) && promptTokens == u.promptTokens
                && completionTokens == u.completionTokens && cachedPromptTokens == u.cachedPromptTokens
                && reasoningTokens == u.reasoningTokens
                && tokensCounted == u.tokensCounted && cost.equals(u.cost) && latencyMillis == u.latencyMillis
                && timeToFirstTokenMillis == u.timeToFirstTokenMillis
                && Double.compare(timePerOutputTokenMillis, u.timePerOutputTokenMillis) == 0 && status == u.status
                && cacheStatus.equals(u.cacheStatus);
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, requestedModel, model, routeType, promptTokens, completionTokens, cachedPromptTokens,
                reasoningTokens, tokensCounted, cost, latencyMillis, timeToFirstTokenMillis, timePerOutputTokenMillis,
                status, cacheStatus);
    }

    @Override
    public String toString() {
        return "LlmUsage[provider=" + provider + ", requestedModel=" + requestedModel.orElse("") + ", model=" + model
                + ", routeType=" + routeType + ", promptTokens=" + promptTokens + ", completionTokens=" + completionTokens
                + ", cachedPromptTokens=" + cachedPromptTokens + ", reasoningTokens=" + reasoningTokens
                + ", tokensCounted=" + tokensCounted
                + ", cost=" + (cost.isPresent() ? cost.getAsDouble() : "") + ", latencyMillis=" + latencyMillis
                + ", timeToFirstTokenMillis=" + timeToFirstTokenMillis + ", timePerOutputTokenMillis="
                + timePerOutputTokenMillis + ", status=" + status + ", cacheStatus=" + cacheStatus.orElse("") + "]";
    }

    /**
     * Builds an {@link LlmUsage}. Unset counts are 0, unset timings -1 (unknown), the status 200.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private String provider;
        private Optional<String> requestedModel = Optional.empty();
        private String model;
        private String routeType;
        private long promptTokens;
        private long completionTokens;
        private long cachedPromptTokens;
        private long reasoningTokens;
        private String responseId;
        private java.util.List<String> finishReasons = java.util.List.of();
        private boolean tokensCounted;
        private OptionalDouble cost = OptionalDouble.empty();
        private long latencyMillis = -1;
        private long timeToFirstTokenMillis = -1;
        private double timePerOutputTokenMillis = -1;
        private int status = 200;
        private Optional<String> cacheStatus = Optional.empty();

        private Builder() {
        }

        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        /** The model the client asked for; null or not called when it left it to the gateway. */
        public Builder requestedModel(String requestedModel) {
            this.requestedModel = Optional.ofNullable(requestedModel);
            return this;
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder routeType(String routeType) {
            this.routeType = routeType;
            return this;
        }

        public Builder promptTokens(long promptTokens) {
            this.promptTokens = promptTokens;
            return this;
        }

        public Builder completionTokens(long completionTokens) {
            this.completionTokens = completionTokens;
            return this;
        }

        public Builder cachedPromptTokens(long cachedPromptTokens) {
            this.cachedPromptTokens = cachedPromptTokens;
            return this;
        }

        /**
         * The part of the completion tokens spent on reasoning.
         *
         * @since 0.2.0
         */
        public Builder reasoningTokens(long reasoningTokens) {
            this.reasoningTokens = reasoningTokens;
            return this;
        }

        /**
         * The provider's id of the answer.
         *
         * @since 0.2.0
         */
        public Builder responseId(String responseId) {
            this.responseId = responseId;
            return this;
        }

        /**
         * Why the model stopped, per choice.
         *
         * @since 0.2.0
         */
        public Builder finishReasons(java.util.List<String> finishReasons) {
            this.finishReasons = requireNonNull(finishReasons, "finishReasons");
            return this;
        }

        public Builder tokensCounted(boolean tokensCounted) {
            this.tokensCounted = tokensCounted;
            return this;
        }

        public Builder cost(double cost) {
            this.cost = OptionalDouble.of(cost);
            return this;
        }

        /** No price known. */
        public Builder noCost() {
            this.cost = OptionalDouble.empty();
            return this;
        }

        public Builder latencyMillis(long latencyMillis) {
            this.latencyMillis = latencyMillis;
            return this;
        }

        public Builder timeToFirstTokenMillis(long timeToFirstTokenMillis) {
            this.timeToFirstTokenMillis = timeToFirstTokenMillis;
            return this;
        }

        public Builder timePerOutputTokenMillis(double timePerOutputTokenMillis) {
            this.timePerOutputTokenMillis = timePerOutputTokenMillis;
            return this;
        }

        public Builder status(int status) {
            this.status = status;
            return this;
        }

        /** {@code Hit}, {@code Miss} or {@code Bypass}; null when no cache took part. */
        public Builder cacheStatus(String cacheStatus) {
            this.cacheStatus = Optional.ofNullable(cacheStatus);
            return this;
        }

        /**
         * @throws NullPointerException     when provider, model or route type is missing
         * @throws IllegalArgumentException when a token count is negative
         */
        public LlmUsage build() {
            return new LlmUsage(this);
        }
    }
}
