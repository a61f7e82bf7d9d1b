package dev.tollgate.plugins.airatelimiting;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.tollgate.plugins.airatelimiting.AiRateLimitingConfig.Identifier;
import dev.tollgate.plugins.airatelimiting.TokenLimit.Type;
import dev.tollgate.commons.limits.CounterStore;
import dev.tollgate.sdk.ContextKey;
import dev.tollgate.sdk.Counters;
import dev.tollgate.sdk.Counters.CounterUnavailableException;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.llm.ChatRequest;
import dev.tollgate.sdk.llm.LlmUsage;

/**
 * Limits what clients spend on LLM calls. In access, each limit that applies is read and the
 * request is refused while any is used up; in log, once the call's usage is known and priced,
 * it is added to every limit it applies to. A request's own size is unknown until it has run,
 * so the request that crosses a limit passes whole and the window overshoots by its usage;
 * concurrent requests may overshoot by what each of them uses.
 */
final class AiRateLimitingPlugin implements Plugin {
    static final String UNEXPECTED_ERROR = "An unexpected error occurred";
    static final String NOT_COUNTED = "usage not counted toward the AI limits, counters unavailable: ";
    static final String NOT_PRICED = "no price for model %s of provider %s: its calls count 0 toward cost limits "
            + "until the price table has one";
    /** Warned-about models kept; past this, new unpriced models are no longer reported. */
    private static final int MAX_WARNED = 1_000;

    private final AiRateLimitingConfig config;
    private final boolean needsModel;
    private final ContextKey<Checked> checked = ContextKey.of("ai-rate-limiting.checked", Checked.class);
    private final RouteModels routeModels = new RouteModels();
    private final Set<String> warnedUnpriced = ConcurrentHashMap.newKeySet();

    /**
     * What access found, for the charge after the call.
     *
     * @param client     whose counters; empty when identifier is model and the model is not known yet
     * @param namedModel the model the client asked for
     */
    private record Checked(Optional<String> client, Optional<String> namedModel) {
    }

    AiRateLimitingPlugin(AiRateLimitingConfig config) {
        this.config = config;
        this.needsModel = config.anyScoped() || config.identifier() == Identifier.MODEL;
    }

    @Override
    public void access(PluginContext ctx) {
        Optional<String> named = needsModel
                ? ctx.llm().request().flatMap(ChatRequest::model).filter(m -> !m.isBlank()) : Optional.empty();
        // A request naming no model is for the model of its route, which only the answer tells.
        Optional<String> model = named.or(() -> needsModel ? routeModels.last(ctx.route().routeId()) : Optional.empty());
        Optional<String> client = config.identifier().clientKey().map(k -> k.orIp(ctx, config.headerName()))
                .or(() -> model.map(m -> "model:" + m));
        ctx.put(checked, new Checked(client, named));
        if (client.isEmpty()) {
            return; // identifier=model and no model known before the answer: charged, not checked
        }
        List<TokenLimit> applicable = config.limits().stream()
                .filter(l -> model.map(l::appliesTo).orElse(!l.scoped())).toList();
        long now = ctx.services().clock().millis();
        List<LimitReading> readings;
        try {
            Counters counters = config.strategy().counters(ctx, config.redis());
            readings = applicable.stream()
                    .map(l -> new LimitReading(l, counters.get(l.key(client.get()), l.window().length()))).toList();
        } catch (CounterUnavailableException e) {
            CounterStore.outage(ctx, config.faultTolerant(), e, error(UNEXPECTED_ERROR, "api_error", "internal_error"));
            return;
        }
        List<LimitReading> usedUp = readings.stream().filter(LimitReading::usedUp).toList();
        if (!usedUp.isEmpty()) {
            refuse(ctx, readings, usedUp, now);
        } else if (!config.hideClientHeaders()) {
            LimitReading.headers(readings, now).forEach(ctx.response()::setHeader);
        }
    }

    private void refuse(PluginContext ctx, List<LimitReading> readings, List<LimitReading> usedUp, long now) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (!config.hideClientHeaders()) {
            headers.putAll(LimitReading.headers(readings, now));
            headers.put("Retry-After", Long.toString(LimitReading.retryAfter(usedUp, now)));
        }
        ctx.response().exit(config.errorCode(), error(LimitReading.message(config.errorMessage(), usedUp, now),
                "rate_limit_error", LimitReading.code(usedUp)), headers);
        dev.tollgate.commons.metrics.PluginEvents.rateLimited(ctx, AiRateLimitingPluginFactory.NAME);
    }

    @Override
    public void log(PluginContext ctx) {
        Optional<Checked> check = ctx.get(checked);
        Optional<LlmUsage> reported = ctx.llm().usage();
        if (check.isEmpty() || reported.isEmpty()) {
            return; // refused before the call, or no LLM call was made
        }
        LlmUsage usage = reported.get();
        routeModels.remember(ctx.route().routeId(), usage.model());
        String model = check.get().namedModel().orElse(usage.model());
        String client = check.get().client().orElse("model:" + model);
        try {
            Counters counters = config.strategy().counters(ctx, config.redis());
            for (TokenLimit l : config.limits()) {
                long amount = l.appliesTo(model) ? charge(ctx, l, usage) : 0;
                if (amount > 0) {
                    counters.increment(l.key(client), l.window().length(), amount);
                }
            }
        } catch (CounterUnavailableException e) {
            ctx.log().log(Level.WARNING, NOT_COUNTED + e.getMessage());
        }
    }

    /** Counter units the call used of {@code limit}: tokens by tokens_count_strategy, or its price. */
    private long charge(PluginContext ctx, TokenLimit limit, LlmUsage usage) {
        if (limit.type() == Type.TOKENS) {
            return config.tokensCountStrategy().tokens(usage);
        }
        if (usage.cost().isPresent()) {
            return Math.round(usage.cost().getAsDouble() * TokenLimit.COST_UNITS);
        }
        if (usage.totalTokens() > 0 && warnedUnpriced.size() < MAX_WARNED
                && warnedUnpriced.add(usage.provider() + "/" + usage.model())) {
            ctx.log().log(Level.WARNING, String.format(Locale.ROOT, NOT_PRICED, usage.model(), usage.provider()));
        }
        return 0;
    }

    private static Map<String, Object> error(String message, String type, String code) {
        return Map.of("error", Map.of("message", message, "type", type, "code", code));
    }

    @Override
    public String toString() {
        return AiRateLimitingPluginFactory.NAME + "{limits=" + config.limits() + ", identifier="
                + config.identifier().name().toLowerCase(Locale.ROOT) + ", strategy="
                + config.strategy().name().toLowerCase(Locale.ROOT) + "}";
    }
}
