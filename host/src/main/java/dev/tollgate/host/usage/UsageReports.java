package dev.tollgate.host.usage;

import java.util.Optional;

import dev.tollgate.db.ModelPrice;
import dev.tollgate.host.plugins.PluginRun;
import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.llm.LlmUsage;

/**
 * Turns the usage an AI plugin reported for a request into what plugins and operators see: the
 * usage priced from the snapshot's price table (before the log phase, so loggers see the cost),
 * then one usage record.
 */
public final class UsageReports {
    /** {@link LlmUsage#cacheStatus()} of an answer a response cache served. */
    static final String CACHE_HIT = "Hit";
    private final UsageRecorder recorder;

    public UsageReports(UsageRecorder recorder) {
        this.recorder = recorder;
    }

    /** Prices the run's usage, if it has one, with the status the client got. */
    public static void price(PluginRun run, PriceTable prices) {
        Optional<LlmUsage> reported = run.usage();
        if (reported.isEmpty()) {
            return;
        }
        LlmUsage r = reported.get();
        int status = run.response().status();
        LlmUsage u = status > 0 && status != r.status() ? r.withStatus(status) : r;
        Optional<ModelPrice> price = prices.find(u.provider(), u.model())
                .or(() -> u.requestedModel().flatMap(m -> prices.find(u.provider(), m)));
        // A response cache's hit: the provider billed nothing. Its tokens stay as reported, so the
        // record shows what the cache saved; priced like any call, so an unpriced model stays unpriced.
        boolean hit = u.cacheStatus().filter(CACHE_HIT::equals).isPresent();
        run.usage(price.isEmpty() ? u : u.withCost(hit ? 0
                : PriceTable.cost(price.get(), u.promptTokens(), u.completionTokens(), u.cachedPromptTokens(), u.reasoningTokens())),
                run.usageRecorded());
        run.pricedWith(price.map(ModelPrice::currency).orElse(null));
    }

    /** Writes the run's usage record, unless there is none or its plugin asked for none. */
    public void record(PluginRun run) {
        Optional<LlmUsage> reported = run.usage();
        if (reported.isEmpty() || !run.usageRecorded()) {
            return;
        }
        LlmUsage u = reported.get();
        Optional<ConsumerInfo> consumer = run.consumer();
        recorder.record(new UsageRecord(run.startedAt(), run.requestId().orElse(null),
                consumer.map(ConsumerInfo::id).orElse(null), consumer.map(ConsumerInfo::username).orElse(null),
                run.route().routeId(), run.route().serviceId(), u.provider(), u.requestedModel().orElse(null),
                u.model(), u.routeType(), u.promptTokens(), u.completionTokens(), u.totalTokens(),
                u.cachedPromptTokens(), u.reasoningTokens(), u.tokensCounted(), u.cost().isPresent() ? u.cost().getAsDouble() : null,
                u.cost().isPresent() ? run.pricedWith() : null, u.latencyMillis(), u.timeToFirstTokenMillis(),
                u.timePerOutputTokenMillis(), u.status(), u.cacheStatus().orElse(null), run.traceId().orElse(null)));
    }
}
