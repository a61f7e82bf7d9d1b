package dev.tollgate.plugins.opentelemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.RequestTimeline;
import dev.tollgate.sdk.RequestTotals;
import dev.tollgate.sdk.RouteInfo;
import dev.tollgate.sdk.llm.LlmUsage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;

/**
 * The spans of one finished request, from its timeline: the request (server span), routing, each
 * plugin phase that ran (plugin name and priority as attributes), and the upstream call (client
 * span) — for an AI request, a span that follows the OpenTelemetry GenAI conventions.
 */
final class Spans {
    static final InstrumentationScopeInfo SCOPE = InstrumentationScopeInfo.builder("dev.tollgate.gateway")
            .setVersion("1.0.0").build();
    private static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");

    /** The longest name-like value (a model, a host) and other text (a path, a user agent) a span carries. */
    static final int MAX_NAME = 256;
    static final int MAX_TEXT = 2048;

    private final Resource resource;

    Spans(Resource resource) {
        this.resource = resource;
    }

    List<SpanData> of(PluginContext ctx, RequestTrace trace, RequestTotals totals) {
        RequestTimeline t = totals.timeline().orElse(null);
        long latencyNanos = totals.latencyMillis() * 1_000_000;
        long start = t != null ? t.startEpochNanos() : ctx.startedAt().toEpochMilli() * 1_000_000;
        long end = start + (t != null && t.endNanos() > 0 ? t.endNanos() : latencyNanos);
        SpanContext server = context(trace, trace.serverSpanId);
        SpanContext parent = trace.parentSpanId == null ? SpanContext.getInvalid()
                : SpanContext.createFromRemoteParent(trace.traceId, trace.parentSpanId, TraceFlags.getSampled(), TraceState.getDefault());
        List<SpanData> out = new ArrayList<>();
        int status = ctx.response().status();
        RouteInfo route = ctx.route();
        AttributesBuilder a = Attributes.builder()
                .put("http.request.method", ctx.request().method())
                .put("url.path", cut(ctx.request().path(), MAX_TEXT))
                .put("url.scheme", ctx.request().scheme())
                .put("http.response.status_code", (long) status)
                .put("client.address", ctx.request().clientIp())
                .put("http.request.body.size", totals.requestBytes())
                .put("http.response.body.size", totals.responseBytes())
                .put("tollgate.route.id", route.routeId())
                .put("tollgate.service.id", route.serviceId())
                .put("tollgate.latency.gateway_ms", totals.gatewayLatencyMillis());
        ctx.request().host().ifPresent(h -> a.put("server.address", cut(h, MAX_NAME)));
        ctx.request().header("user-agent").ifPresent(u -> a.put("user_agent.original", cut(u, MAX_TEXT)));
        route.routeName().ifPresent(n -> a.put("tollgate.route.name", n).put("http.route", n));
        route.serviceName().ifPresent(n -> a.put("tollgate.service.name", n));
        Optional<ConsumerInfo> consumer = ctx.identity().consumer();
        consumer.ifPresent(c -> a.put("tollgate.consumer.id", c.id()));
        consumer.map(ConsumerInfo::username).ifPresent(u -> a.put("tollgate.consumer.username", u));
        if (status >= 500) {
            a.put("error.type", Integer.toString(status));
        }
        String name = ctx.request().method() + route.routeName().map(n -> " " + n).orElse("");
        out.add(span(name, SpanKind.SERVER, server, parent, status >= 500 ? StatusData.error() : StatusData.unset(),
                start, end, a.build(), List.of()));
        if (t == null) {
            return out;
        }
        out.add(span("tollgate.router", SpanKind.INTERNAL, context(trace, RequestTrace.newSpanId()), server, StatusData.unset(),
                start, start + t.routingNanos(), Attributes.empty(), List.of()));
        for (RequestTimeline.PhaseTiming p : t.phases()) {
            String phase = p.phase().name().toLowerCase(Locale.ROOT);
            out.add(span("tollgate." + phase + ".plugin." + p.plugin(), SpanKind.INTERNAL, context(trace, RequestTrace.newSpanId()),
                    server, p.failed() ? StatusData.error() : StatusData.unset(), start + p.startNanos(),
                    start + Math.max(p.startNanos(), p.endNanos()),
                    Attributes.builder().put("tollgate.plugin.name", p.plugin()).put("tollgate.plugin.priority", (long) p.priority())
                            .put("tollgate.plugin.phase", phase).put("tollgate.plugin.calls", (long) p.calls())
                            .put("tollgate.plugin.busy_ns", p.busyNanos()).build(), List.of()));
        }
        Optional<LlmUsage> usage = ctx.llm().usage();
        t.upstream().ifPresent(u -> {
            long us = start + u.startNanos();
            long ue = start + (u.endNanos() >= 0 ? u.endNanos() : Math.max(u.headersNanos(), t.endNanos()));
            SpanContext upstream = context(trace, trace.upstreamSpanId);
            if (usage.isPresent() && u.handler()) {
                out.add(genAi(usage.get(), trace, upstream, server, us, ue));
            } else {
                AttributesBuilder c = Attributes.builder().put("http.request.method", ctx.request().method());
                u.address().ifPresent(addr -> {
                    int colon = addr.lastIndexOf(':');
                    c.put("server.address", colon < 0 ? addr : addr.substring(0, colon));
                    if (colon >= 0) {
                        c.put("server.port", Long.parseLong(addr.substring(colon + 1)));
                    }
                });
                if (u.status() > 0) {
                    c.put("http.response.status_code", (long) u.status());
                } else {
                    c.put("error.type", "no_response");
                }
                out.add(span(ctx.request().method(), SpanKind.CLIENT, upstream, server,
                        u.status() == 0 || u.status() >= 500 ? StatusData.error() : StatusData.unset(), us, ue, c.build(), List.of()));
            }
        });
        return out;
    }

    private SpanData genAi(LlmUsage u, RequestTrace trace, SpanContext self, SpanContext server, long start, long end) {
        String operation = GenAi.operation(u.routeType());
        String requested = cut(u.requestedModel().orElse(u.model()), MAX_NAME);
        AttributesBuilder a = Attributes.builder()
                .put("gen_ai.operation.name", operation)
                .put("gen_ai.provider.name", GenAi.provider(u.provider()))
                .put("gen_ai.system", GenAi.provider(u.provider()))
                .put("gen_ai.request.model", requested)
                .put("gen_ai.response.model", cut(u.model(), MAX_NAME))
                .put("gen_ai.usage.input_tokens", u.promptTokens())
                .put("gen_ai.usage.output_tokens", u.completionTokens())
                .put("tollgate.ai.tokens_counted", u.tokensCounted());
        if (u.cachedPromptTokens() > 0) {
            a.put("gen_ai.usage.cache_read.input_tokens", u.cachedPromptTokens());
        }
        if (u.reasoningTokens() > 0) {
            a.put("gen_ai.usage.reasoning.output_tokens", u.reasoningTokens());
        }
        u.responseId().ifPresent(id -> a.put("gen_ai.response.id", cut(id, MAX_NAME)));
        if (!u.finishReasons().isEmpty()) {
            a.put(FINISH_REASONS, u.finishReasons());
        }
        if (u.cost().isPresent()) {
            a.put("tollgate.ai.cost", u.cost().getAsDouble());
        }
        u.cacheStatus().ifPresent(s -> a.put("tollgate.ai.cache_status", s));
        List<EventData> events = new ArrayList<>(1);
        if (u.timeToFirstTokenMillis() >= 0) {
            a.put("tollgate.ai.time_to_first_token_ms", u.timeToFirstTokenMillis());
            events.add(EventData.create(Math.min(end, start + u.timeToFirstTokenMillis() * 1_000_000), "gen_ai.first_token",
                    Attributes.empty()));
        }
        if (u.timePerOutputTokenMillis() >= 0) {
            a.put("tollgate.ai.time_per_output_token_ms", u.timePerOutputTokenMillis());
        }
        if (trace.inputMessages != null) {
            a.put("gen_ai.input.messages", trace.inputMessages);
        }
        if (trace.outputWithheld) {
            a.put("tollgate.gen_ai.output_withheld", "ai-sanitizer masks this route's answers");
        }
        if (trace.output != null) {
            String output = GenAi.outputMessages(trace.output.toByteArray(), u.finishReasons());
            if (output != null) {
                a.put("gen_ai.output.messages", output);
            }
        }
        boolean failed = u.status() >= 400;
        if (failed) {
            a.put("error.type", Integer.toString(u.status()));
        }
        return span(operation + " " + requested, SpanKind.CLIENT, self, server, failed ? StatusData.error() : StatusData.unset(),
                start, end, a.build(), events);
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static SpanContext context(RequestTrace trace, String spanId) {
        return SpanContext.create(trace.traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault());
    }

    private SpanData span(String name, SpanKind kind, SpanContext self, SpanContext parent, StatusData status, long start,
                          long end, Attributes attributes, List<EventData> events) {
        return new SpanRecord(name, kind, self, parent, status, start, Math.max(start, end), attributes, events, resource, SCOPE);
    }
}
