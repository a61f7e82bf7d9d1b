package dev.tollgate.plugins.opentelemetry;

import java.util.Map;

import dev.tollgate.commons.llm.ContentPolicy;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.RequestTotals;
import dev.tollgate.sdk.TraceContext;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;

/**
 * Kong's {@code opentelemetry} plugin: continues the client's trace (or starts one, sampled at
 * {@code sampling_rate}), passes it upstream in the configured formats, and after the response
 * exports the request's spans over OTLP/HTTP without making the request wait.
 */
final class OpenTelemetryPlugin implements Plugin {
    private final OpenTelemetryConfig config;
    private final SpanQueue queue;
    private final Spans spans;

    OpenTelemetryPlugin(OpenTelemetryConfig config) {
        this.config = config;
        this.queue = new SpanQueue(config);
        AttributesBuilder r = Attributes.builder().put("service.name", "tollgate");
        config.resourceAttributes().forEach(r::put);
        this.spans = new Spans(Resource.create(r.build()));
    }

    @Override
    public void access(PluginContext ctx) {
        RequestTrace trace = trace(ctx);
        // The gateway records this trace (usage records, the request log, exemplars), whatever the format sent upstream.
        ctx.put(TraceContext.KEY, TraceContext.of(trace.traceId, trace.upstreamSpanId, trace.sampled));
        for (String h : config.clear()) {
            ctx.upstreamRequest().removeHeader(h);
        }
        for (TraceFormat f : config.injected(trace.format)) {
            for (Map.Entry<String, String> h : f.inject(trace.traceId, trace.upstreamSpanId, trace.sampled).entrySet()) {
                ctx.upstreamRequest().setHeader(h.getKey(), h.getValue());
            }
        }
        if (config.captureContent() && trace.sampled) {
            // After ai-sanitizer (priority 775) masked it: the chat view as it goes upstream.
            ctx.llm().request().ifPresent(chat -> trace.inputMessages = GenAi.inputMessages(chat));
            // The answer as the model (or a response cache) gave it, before ai-sanitizer restores values.
            ctx.upstreamRequest().handler().ifPresent(h -> ctx.upstreamRequest().setHandler(new CapturingHandler(h, trace)));
        }
    }

    @Override
    public void headerFilter(PluginContext ctx) {
        config.traceIdHeader().ifPresent(h -> ctx.response().setHeader(h, trace(ctx).traceId));
    }

    @Override
    public void log(PluginContext ctx) {
        RequestTrace trace = trace(ctx);
        if (!trace.sampled) {
            return;
        }
        RequestTotals totals = ctx.totals();
        if (trace.output != null && ctx.get(ContentPolicy.ANSWER_SCANNED).isPresent()) {
            // ai-sanitizer masks the answer on its way out: as the model gave it, it may hold data
            // the client never saw. It is not exported.
            trace.output = null;
            trace.outputWithheld = true;
        }
        queue.add(spans.of(ctx, trace, totals), ctx.services().metrics());
    }

    /** The request's trace: decided in access, or now for a request refused before it (by authentication, say). */
    private RequestTrace trace(PluginContext ctx) {
        return ctx.get(RequestTrace.KEY).orElseGet(() -> {
            RequestTrace t = RequestTrace.start(config, ctx.request()::header);
            ctx.put(RequestTrace.KEY, t);
            return t;
        });
    }

    @Override
    public void close() {
        queue.close();
    }
}
