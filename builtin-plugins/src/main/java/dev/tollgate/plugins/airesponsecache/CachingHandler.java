package dev.tollgate.plugins.airesponsecache;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import dev.tollgate.plugins.airesponsecache.CachedAnswer.OriginalUsage;
import dev.tollgate.sdk.ReplyBody;
import dev.tollgate.sdk.UpstreamCall;
import dev.tollgate.sdk.UpstreamHandler;
import dev.tollgate.sdk.UpstreamReply;
import dev.tollgate.sdk.llm.LlmUsage;

/**
 * Wraps the AI proxy's handler for one request. A hit is answered from the cache without calling
 * it; a miss calls it and stores the answer once it has reached the client whole (status 200, a
 * stream that finished); a bypass (the client's Cache-Control, a body that is no JSON object, the
 * cache unreachable) calls it and reads nothing. Every reply says which in {@code X-Cache-Status},
 * and so does the usage the gateway records.
 */
final class CachingHandler implements UpstreamHandler {
    static final String HIT = "Hit";
    static final String MISS = "Miss";
    static final String BYPASS = "Bypass";
    static final String STATUS_HEADER = "x-cache-status";
    /** What a stored answer does not keep of the reply's headers: the transport's, and the cache's own. */
    private static final Set<String> NOT_STORED = Set.of("content-length", "transfer-encoding", "connection",
            STATUS_HEADER, "age");

    private final UpstreamHandler delegate;
    private final AnswerStore store;
    private final CacheKey.Scope scope;
    private final CacheDirectives directives;
    private final int maxEntryBytes;
    private final Instant startedAt;
    private final dev.tollgate.sdk.metrics.Metrics metrics;

    CachingHandler(UpstreamHandler delegate, AnswerStore store, CacheKey.Scope scope, CacheDirectives directives,
                   int maxEntryBytes, Instant startedAt, dev.tollgate.sdk.metrics.Metrics metrics) {
        this.metrics = metrics;
        this.delegate = delegate;
        this.store = store;
        this.scope = scope;
        this.directives = directives;
        this.maxEntryBytes = maxEntryBytes;
        this.startedAt = startedAt;
    }

    @Override
    public UpstreamReply handle(UpstreamCall call) {
        Optional<String> key = CacheKey.of(call.body(), scope);
        if (key.isEmpty()) {
            return callThrough(call, BYPASS, Optional.empty());
        }
        if (!directives.mayRead()) {
            return callThrough(call, BYPASS, key.filter(k -> directives.mayStore()));
        }
        AnswerStore.Lookup lookup = store.get(key.get());
        if (!lookup.reachable()) {
            return callThrough(call, BYPASS, Optional.empty());
        }
        Optional<CachedAnswer> hit = lookup.answer().filter(a -> directives.accepts(ageSeconds(a)));
        if (hit.isPresent()) {
            return replay(call, hit.get());
        }
        return callThrough(call, MISS, key.filter(k -> directives.mayStore()));
    }

    /** Calls the proxy; with a key, keeps the answer for the next identical request. */
    private UpstreamReply callThrough(UpstreamCall call, String status, Optional<String> storeUnder) {
        dev.tollgate.commons.metrics.PluginEvents.cacheLookup(metrics, status);
        UsageTap tap = new UsageTap(call, status);
        UpstreamReply reply = delegate.handle(tap);
        Map<String, List<String>> headers = new LinkedHashMap<>(reply.headers());
        headers.put(STATUS_HEADER, List.of(status));
        ReplyBody body = reply.body();
        if (storeUnder.isPresent() && reply.status() == 200) {
            Map<String, List<String>> kept = stored(reply.headers());
            String contentType = first(reply.headers(), "content-type").orElse("");
            body = new CapturingBody(body, maxEntryBytes, whole -> AnswerChunks.of(contentType, whole).ifPresent(chunks ->
                    store.put(storeUnder.get(), new CachedAnswer(store.clock().millis(), kept, chunks, tap.reported()))));
        }
        return UpstreamReply.of(reply.status(), headers, body);
    }

    private UpstreamReply replay(UpstreamCall call, CachedAnswer answer) {
        dev.tollgate.commons.metrics.PluginEvents.cacheLookup(metrics, HIT);
        Map<String, List<String>> headers = new LinkedHashMap<>(answer.headers());
        headers.put(STATUS_HEADER, List.of(HIT));
        headers.put("age", List.of(Long.toString(ageSeconds(answer))));
        long firstChunkMillis = millisSinceStart();
        Runnable report = () -> answer.usage().ifPresent(u -> call.reportUsage(hitUsage(u, firstChunkMillis), u.recorded()));
        boolean stream = first(answer.headers(), "content-type").orElse("").toLowerCase(Locale.ROOT)
                .startsWith("text/event-stream");
        if (!stream) {
            report.run(); // a whole answer's usage is known before its headers go out, as the proxy's is
            return UpstreamReply.of(200, headers, new ReplayBody(answer.chunks(), () -> { }));
        }
        return UpstreamReply.of(200, headers, new ReplayBody(answer.chunks(), report));
    }

    /**
     * The original call's tokens — what the hit saved — with this request's timing; the gateway
     * prices a hit at 0.
     */
    private LlmUsage hitUsage(OriginalUsage u, long firstChunkMillis) {
        return LlmUsage.builder().provider(u.provider()).requestedModel(u.requestedModel().orElse(null)).model(u.model())
                .routeType(u.routeType()).promptTokens(u.promptTokens()).completionTokens(u.completionTokens())
                .cachedPromptTokens(u.cachedPromptTokens()).tokensCounted(u.tokensCounted())
                .latencyMillis(millisSinceStart()).timeToFirstTokenMillis(firstChunkMillis).status(200).cacheStatus(HIT)
                .build();
    }

    private long millisSinceStart() {
        return Math.max(0, Duration.between(startedAt, store.clock().instant()).toMillis());
    }

    private long ageSeconds(CachedAnswer answer) {
        return Math.max(0, (store.clock().millis() - answer.storedAtMillis()) / 1000);
    }

    private static Map<String, List<String>> stored(Map<String, List<String>> headers) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (!NOT_STORED.contains(name.toLowerCase(Locale.ROOT))) {
                kept.put(name.toLowerCase(Locale.ROOT), List.copyOf(values));
            }
        });
        return kept;
    }

    private static Optional<String> first(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().getFirst()).findFirst();
    }
}
