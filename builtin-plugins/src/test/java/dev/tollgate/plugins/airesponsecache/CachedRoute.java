package dev.tollgate.plugins.airesponsecache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.commons.support.MutableClock;
import dev.tollgate.sdk.HostServices;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.UpstreamReply;
import dev.tollgate.sdk.llm.LlmUsage;
import dev.tollgate.sdk.testkit.FakeHostServices;
import dev.tollgate.sdk.testkit.FakePluginContext;

/**
 * A route in miniature: the stand-in for ai-proxy sets its handler in access, the cache plugin
 * runs its access after it, then the handler is called and the reply read to its end, as the
 * gateway does. The cache lives in the host services shared by every request.
 */
final class CachedRoute {
    static final String CHAT = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";

    final MutableClock clock = MutableClock.at("2026-03-02T12:00:00Z");
    final FakeHostServices fakeServices = new FakeHostServices(clock);
    final FakeAi ai = new FakeAi();
    HostServices services = fakeServices;
    final Plugin plugin;

    CachedRoute(Map<String, ?> config) {
        AiResponseCachePluginFactory factory = new AiResponseCachePluginFactory();
        plugin = factory.create(factory.configSchema().validate(config));
    }

    CachedRoute() {
        this(Map.of());
    }

    /** One request with {@code body} and header name/value pairs. */
    Exchange send(String body, String... headers) {
        FakePluginContext.Builder b = FakePluginContext.builder().method("POST").path("/v1/chat/completions")
                .body(body).services(services).startedAt(clock.instant());
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    Exchange send(FakePluginContext.Builder request) {
        return send(request, ctx -> { });
    }

    /** A request; {@code before} runs in access before the cache (an auth plugin's part, say). */
    Exchange send(FakePluginContext.Builder request, java.util.function.Consumer<FakePluginContext> before) {
        FakePluginContext ctx = request.build().in(Phase.ACCESS);
        before.accept(ctx);
        ctx.upstreamRequest().setHandler(ai);
        plugin.access(ctx);
        UpstreamReply reply = ctx.callUpstreamHandler();
        try {
            return new Exchange(ctx, reply, FakeAi.chunks(reply));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What one request got. */
    record Exchange(FakePluginContext ctx, UpstreamReply reply, List<String> chunks) {
        String cacheStatus() {
            return header("x-cache-status").orElse("(none)");
        }

        Optional<String> header(String name) {
            return Optional.ofNullable(reply.headers().get(name)).map(List::getFirst);
        }

        String body() {
            return String.join("", chunks);
        }

        LlmUsage usage() {
            return ctx.reportedUsage().orElseThrow(() -> new AssertionError("no usage reported"));
        }
    }
}
