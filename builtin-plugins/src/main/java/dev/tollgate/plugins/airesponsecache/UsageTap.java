package dev.tollgate.plugins.airesponsecache;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.plugins.airesponsecache.CachedAnswer.OriginalUsage;
import dev.tollgate.sdk.UpstreamCall;
import dev.tollgate.sdk.llm.LlmUsage;

/**
 * The call as the wrapped handler sees it: the same request, and usage reports that pass on
 * with the cache's status ({@code Miss}, {@code Bypass}) and are remembered, so a stored answer
 * carries the tokens its hits save.
 */
final class UsageTap implements UpstreamCall {
    private final UpstreamCall call;
    private final String cacheStatus;
    private volatile OriginalUsage reported;

    UsageTap(UpstreamCall call, String cacheStatus) {
        this.call = call;
        this.cacheStatus = cacheStatus;
    }

    @Override
    public String method() {
        return call.method();
    }

    @Override
    public String path() {
        return call.path();
    }

    @Override
    public String rawQuery() {
        return call.rawQuery();
    }

    @Override
    public Map<String, List<String>> headers() {
        return call.headers();
    }

    @Override
    public byte[] body() {
        return call.body();
    }

    @Override
    public void reportUsage(LlmUsage usage) {
        reportUsage(usage, true);
    }

    @Override
    public void reportUsage(LlmUsage usage, boolean recorded) {
        reported = new OriginalUsage(usage.provider(), usage.requestedModel(), usage.model(), usage.routeType(),
                usage.promptTokens(), usage.completionTokens(), usage.cachedPromptTokens(), usage.tokensCounted(), recorded);
        call.reportUsage(withCacheStatus(usage, cacheStatus), recorded);
    }

    /** What the wrapped handler reported, if it did. */
    Optional<OriginalUsage> reported() {
        return Optional.ofNullable(reported);
    }

    private static LlmUsage withCacheStatus(LlmUsage u, String cacheStatus) {
        return u.toBuilder().cacheStatus(cacheStatus).build();
    }
}
