package dev.tollgate.plugins.airatelimiting;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.plugins.airatelimiting.TokenLimit.Type;
import dev.tollgate.commons.limits.ClientKey;
import dev.tollgate.commons.limits.CounterStore;
import dev.tollgate.commons.support.RedisFields;
import dev.tollgate.commons.limits.Window;
import dev.tollgate.sdk.RedisSettings;
import dev.tollgate.sdk.config.PluginConfig;
import dev.tollgate.sdk.llm.LlmUsage;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;

/**
 * A validated {@code ai-rate-limiting} configuration. The constructor holds the rules over
 * several fields, so the schema (which is {@code parsedBy} {@link #from}) and direct construction refuse the
 * same things with the same words.
 *
 * @param limits     in configuration order; at least one
 * @param headerName set when {@code identifier} is {@link Identifier#HEADER}
 * @param redis      set when {@code strategy} is {@link CounterStore#REDIS}
 */
record AiRateLimitingConfig(List<TokenLimit> limits, CountStrategy tokensCountStrategy, Identifier identifier,
                            Optional<String> headerName, CounterStore strategy, Optional<RedisSettings> redis,
                            boolean faultTolerant, boolean hideClientHeaders, int errorCode, String errorMessage) {

    /** Each limit costs a counter read per request and a write after it: keep that bounded. */
    static final int MAX_LIMITS = 20;
    static final String AT_LEAST_ONE_LIMIT = "'config.limits' needs at least one limit";
    static final String TOO_MANY_LIMITS = "'config.limits' has more than " + MAX_LIMITS + " limits";
    static final String HEADER_NAME_REQUIRED = "'config.header_name' is required when 'config.identifier' is 'header'";
    static final String REDIS_HOST_REQUIRED = "'config.redis.host' is required when 'config.strategy' is 'redis'";
    static final String TOKENS_UNDER_COST = "'%s.type' is 'tokens' but 'config.tokens_count_strategy' is 'cost': "
            + "set total_tokens, prompt_tokens or completion_tokens to say which tokens to count";
    static final String BLANK_MODEL = "'%s.models' holds a blank model name";
    static final String SAME_AS = "'%s' has the same window, type and models as '%s'";
    static final String DEFAULT_ERROR_MESSAGE = "AI rate limit exceeded";
    static final int DEFAULT_ERROR_CODE = 429;

    /** Which usage a tokens limit counts, and what a limit without a type counts (Kong's names). */
    enum CountStrategy {
        TOTAL_TOKENS, PROMPT_TOKENS, COMPLETION_TOKENS, COST;

        long tokens(LlmUsage usage) {
            return switch (this) {
                case PROMPT_TOKENS -> usage.promptTokens();
                case COMPLETION_TOKENS -> usage.completionTokens();
                case TOTAL_TOKENS, COST -> usage.totalTokens();
            };
        }
    }

    /** Whose counters a request goes to: a client's identity, or the model it is for. */
    enum Identifier {
        CONSUMER, CREDENTIAL, IP, SERVICE, ROUTE, HEADER, MODEL;

        /** The identity kind; empty for {@link #MODEL}, which is not an identity. */
        Optional<ClientKey> clientKey() {
            return this == MODEL ? Optional.empty() : Optional.of(ClientKey.valueOf(name()));
        }
    }

    AiRateLimitingConfig {
        requireNonNull(limits, "limits");
        limits = List.copyOf(limits);
        tokensCountStrategy = tokensCountStrategy == null ? CountStrategy.TOTAL_TOKENS : tokensCountStrategy;
        identifier = identifier == null ? Identifier.CONSUMER : identifier;
        headerName = headerName == null ? Optional.empty() : headerName.filter(h -> !h.isBlank());
        strategy = strategy == null ? CounterStore.LOCAL : strategy;
        redis = redis == null ? Optional.empty() : redis;
        errorMessage = errorMessage == null ? DEFAULT_ERROR_MESSAGE : errorMessage;

        if (limits.isEmpty()) {
            throw new IllegalArgumentException(AT_LEAST_ONE_LIMIT);
        }
        if (limits.size() > MAX_LIMITS) {
            throw new IllegalArgumentException(TOO_MANY_LIMITS);
        }
        checkLimits(limits, tokensCountStrategy);
        if (errorCode < 200 || errorCode > 599) {
            throw new IllegalArgumentException("config.error_code: " + errorCode + " (expected: 200..599)");
        }
        if (identifier == Identifier.HEADER && headerName.isEmpty()) {
            throw new IllegalArgumentException(HEADER_NAME_REQUIRED);
        }
        if (strategy == CounterStore.REDIS && !RedisFields.hasHost(redis)) {
            throw new IllegalArgumentException(REDIS_HOST_REQUIRED);
        }
    }

    /** True when some limit applies to some models only, so the request's model must be known. */
    boolean anyScoped() {
        return limits.stream().anyMatch(TokenLimit::scoped);
    }

    /** Maps a configuration the schema's fields have accepted. */
    static AiRateLimitingConfig from(PluginConfig config) {
        CountStrategy strategy = enumValue(CountStrategy.class, config.string("tokens_count_strategy").orElse("total_tokens"));
        Type defaultType = strategy == CountStrategy.COST ? Type.COST : Type.TOKENS;
        List<TokenLimit> limits = new ArrayList<>();
        List<PluginConfig> entries = config.records("limits");
        for (int i = 0; i < entries.size(); i++) {
            PluginConfig e = entries.get(i);
            limits.add(new TokenLimit(i, Window.byField(e.string("window").orElseThrow()).orElseThrow(),
                    e.number("limit").orElseThrow(), e.string("type").map(TokenLimit::type).orElse(defaultType),
                    e.strings("models")));
        }
        CounterStore store = enumValue(CounterStore.class, config.string("strategy").orElse("local"));
        return new AiRateLimitingConfig(limits, strategy,
                enumValue(Identifier.class, config.string("identifier").orElse("consumer")),
                config.string("header_name"), store,
                store == CounterStore.REDIS ? RedisFields.settings(config.record("redis")) : Optional.empty(),
                config.bool("fault_tolerant"), config.bool("hide_client_headers"),
                config.integer("error_code").map(Long::intValue).orElse(DEFAULT_ERROR_CODE),
                config.string("error_message").orElse(DEFAULT_ERROR_MESSAGE));
    }

    private static void checkLimits(List<TokenLimit> limits, CountStrategy strategy) {
        Map<String, TokenLimit> byHeader = new HashMap<>();
        for (TokenLimit l : limits) {
            if (l.limit() < 0 || Double.isNaN(l.limit()) || Double.isInfinite(l.limit())) {
                throw new IllegalArgumentException(l.field() + ".limit: " + l.limit() + " (expected: >= 0)");
            }
            if (l.type() == Type.TOKENS && strategy == CountStrategy.COST) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, TOKENS_UNDER_COST, l.field()));
            }
            if (l.models().stream().anyMatch(String::isBlank)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, BLANK_MODEL, l.field()));
            }
            // Same headers would mean two limits reported as one, and one counter for both.
            TokenLimit before = byHeader.putIfAbsent(l.headerSuffix(), l);
            if (before != null) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, SAME_AS, l.field(), before.field()));
            }
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value) {
        return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    }

    private static final ConfigSchema LIMIT = ConfigSchema.builder()
            .field(Field.string("window").oneOf("minute", "hour", "day", "month", "year").required()
                    .description("The window the limit is for. Windows are fixed and aligned to the epoch (UTC); "
                            + "a month is a fixed 30 days and a year 365, not calendar ones."))
            .field(Field.number("limit").min(0).required()
                    .description("How much a client may use per window: tokens, or cost in the price table's "
                            + "currency (USD for the default prices). 0 refuses every request."))
            .field(Field.string("type").oneOf("tokens", "cost")
                    .description("What the limit counts: tokens (as tokens_count_strategy says) or cost (the "
                            + "call's price). Unset: cost when tokens_count_strategy is cost, else tokens. A cost "
                            + "limit is a spend budget."))
            .field(Field.strings("models")
                    .description("Only requests for these models count toward the limit and are checked by it "
                            + "(the model the client names, else the one that answered; a dated snapshot such as "
                            + "gpt-4o-2024-08-06 counts as gpt-4o). Unset: every request."))
            .build();

    static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.records("limits", LIMIT).required()
                    .description("The limits; a request is refused while any limit that applies to it is used up. "
                            + "At most " + AiRateLimitingConfig.MAX_LIMITS + "."))
            .field(Field.string("tokens_count_strategy")
                    .oneOf("total_tokens", "prompt_tokens", "completion_tokens", "cost").defaultValue("total_tokens")
                    .description("Which usage a tokens limit counts: total_tokens, prompt_tokens or "
                            + "completion_tokens; cost makes limits without a type cost limits, as in Kong."))
            .field(Field.string("identifier")
                    .oneOf("consumer", "credential", "ip", "service", "route", "header", "model")
                    .defaultValue("consumer")
                    .description("Whose usage is counted together: consumer (the client IP when none is "
                            + "authenticated), credential (likewise), ip, service, route, header (header_name's "
                            + "value; the client IP when it is absent) or model (every client's requests for one "
                            + "model together)."))
            .field(Field.string("header_name").check(v -> ((String) v).matches(ClientKey.HEADER_NAME), "a header name")
                    .description("The header whose value identifies the client; required when identifier is header."))
            .field(Field.string("strategy").oneOf("local", "redis").defaultValue("local")
                    .description("Where counters are kept: local (this node's memory; each node counts on its "
                            + "own) or redis (shared by every node)."))
            .field(Field.record("redis", RedisFields.schema("the counters"))
                    .description("The Redis server that holds the counters when strategy is redis."))
            .field(Field.bool("fault_tolerant").defaultValue(Boolean.TRUE)
                    .description("When the counters cannot be reached: true lets requests through unlimited and "
                            + "without headers, false answers 500."))
            .field(Field.bool("hide_client_headers").defaultValue(Boolean.FALSE)
                    .description("Leave the X-AI-RateLimit-* headers and Retry-After out of responses."))
            .field(Field.integer("error_code").min(200).max(599).defaultValue(429L)
                    .description("The status of the answer to a request over a limit."))
            .field(Field.string("error_message").defaultValue(AiRateLimitingConfig.DEFAULT_ERROR_MESSAGE)
                    .description("The start of the error message of a refused request; the message goes on to "
                            + "name the limit that is used up and when it resets."))
            .parsedBy(AiRateLimitingConfig::from)
            .build();
}
