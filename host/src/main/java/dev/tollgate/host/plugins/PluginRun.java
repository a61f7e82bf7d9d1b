package dev.tollgate.host.plugins;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.ContextKey;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.RequestBodyTooLargeException;
import dev.tollgate.sdk.RouteInfo;
import dev.tollgate.sdk.llm.LlmUsage;
import io.helidon.webserver.http.ServerRequest;

/**
 * The plugins of one request and everything they share: runs the phases in Kong's order,
 * resolves each plugin's instance by scope when it is reached (so consumer-scoped instances
 * apply once an authentication plugin has identified the consumer), and isolates failures.
 */
public final class PluginRun {
    private static final System.Logger LOG = System.getLogger(PluginRun.class.getName());

    private final PluginIndex index;
    final RouteInfo route;
    final ClientRequestView request;
    final UpstreamRequestState upstream;
    final ClientResponseState response = new ClientResponseState();
    final IdentityState identity;
    final java.time.Instant startedAt = java.time.Instant.now();
    UpstreamResponseState upstreamResponse = UpstreamResponseState.NONE;
    private Map<ContextKey<?>, Object> values;
    private final Supplier<byte[]> body;
    private Optional<JsonChatRequest> chat;
    /** The upstream body's version the chat view was parsed from. */
    private int chatVersion;
    private List<PluginIndex.Instance> applied;
    private java.util.Set<Phase> appliedPhases;
    private volatile LlmUsage usage;
    private volatile boolean usageRecorded = true;
    private volatile String currency;
    private final RunTimes times;
    private volatile dev.tollgate.sdk.RequestTotals totals;

    public PluginRun(PluginIndex index, RouteInfo route, ServerRequest req, Supplier<byte[]> body,
                     UpstreamRequestState upstream, IdentityDirectory directory, RunTimes times) {
        this.index = index;
        this.times = times;
        if (index.recordsTimeline()) {
            times.recordPlugins();
        }
        this.route = route;
        this.request = new ClientRequestView(req, body);
        this.body = body;
        this.upstream = upstream;
        this.identity = new IdentityState(directory);
        upstream.currentBody(this::currentBody);
    }

    public ClientResponseState response() {
        return response;
    }

    public UpstreamRequestState upstream() {
        return upstream;
    }

    /** What the request's LLM call used, once a handler reported it. */
    public Optional<LlmUsage> usage() {
        return Optional.ofNullable(usage);
    }

    /** Records (or replaces, after pricing) the request's LLM usage. */
    public void usage(LlmUsage usage) {
        this.usage = usage;
    }

    /** Records the usage, saying whether it goes into the usage records. */
    public void usage(LlmUsage usage, boolean recorded) {
        this.usage = usage;
        this.usageRecorded = recorded;
    }

    /** False when the plugin that reported the usage asked for no usage record. */
    public boolean usageRecorded() {
        return usageRecorded;
    }

    /** The currency the usage's cost is in, once priced. */
    public void pricedWith(String currency) {
        this.currency = currency;
    }

    public String pricedWith() {
        return currency;
    }

    /** When the request's parts happened. */
    public RunTimes times() {
        return times;
    }

    /** True when the client's status came from the upstream: it answered and neither a plugin nor the gateway replaced it. */
    public boolean statusFromUpstream() {
        return upstreamResponse != UpstreamResponseState.NONE && !response.exited() && !times.gatewayAnswered();
    }

    /** What the gateway measured of the finished exchange, for the log phase. */
    public void totals(dev.tollgate.sdk.RequestTotals totals) {
        this.totals = totals;
    }

    dev.tollgate.sdk.RequestTotals totals() {
        return totals != null ? totals : dev.tollgate.sdk.RequestTotals.builder().fromUpstream(statusFromUpstream()).build();
    }

    /** The request's timeline, when the configuration records them; for the log phase. */
    public dev.tollgate.sdk.RequestTimeline timeline(long startEpochNanos, long now) {
        return times.timeline(startEpochNanos, now, upstreamResponse.status());
    }

    /** When the request arrived. */
    public java.time.Instant startedAt() {
        return startedAt;
    }

    /** The request's id, when the client or a plugin (correlation-id) set one. */
    public Optional<String> requestId() {
        return upstream.header("x-request-id").or(() -> upstream.header("x-correlation-id"))
                .or(() -> request.header("x-request-id"));
    }

    /**
     * The request's trace: the one a tracing plugin put under {@link dev.tollgate.sdk.TraceContext#KEY},
     * else the W3C {@code traceparent} the request carries upstream (or arrived with), when valid.
     */
    public Optional<dev.tollgate.sdk.TraceContext> traceContext() {
        Optional<dev.tollgate.sdk.TraceContext> set = get(dev.tollgate.sdk.TraceContext.KEY);
        if (set.isPresent()) {
            return set;
        }
        String tp = upstream.header("traceparent").or(() -> request.header("traceparent")).orElse(null);
        return Traceparent.valid(tp)
                ? Optional.of(dev.tollgate.sdk.TraceContext.of(Traceparent.traceId(tp), Traceparent.parentId(tp), Traceparent.sampled(tp)))
                : Optional.empty();
    }

    /** The request's trace id, as {@link #traceContext()} finds it. */
    public Optional<String> traceId() {
        return traceContext().map(dev.tollgate.sdk.TraceContext::traceId);
    }

    /** The route and service the request matched. */
    public RouteInfo route() {
        return route;
    }

    /** The authenticated consumer, if any: its id and username. */
    public Optional<ConsumerInfo> consumer() {
        return identity.consumer();
    }

    /**
     * The chat view of the body as it stands, parsed the first time a plugin asks: from the
     * client's body, or from the body a plugin set (an AI request transformer's, key-auth's
     * without the key), parsed again when a plugin replaces the body after it was read.
     */
    Optional<JsonChatRequest> chat() {
        if (chat == null || chatVersion != upstream.bodyVersion()) {
            byte[] replaced = upstream.replacedBody();
            // After the request is frozen (log phase) the live body may have streamed upstream
            // unread: the chat view is then whatever was read, or nothing.
            chat = JsonChatRequest.parse(replaced != null ? replaced : request.isFrozen() ? request.body() : body.get());
            chatVersion = upstream.bodyVersion();
        }
        return chat;
    }

    /** True when the chat view was parsed and a plugin changed it since the body was last replaced. */
    private boolean chatChanged() {
        return chat != null && chat.isPresent() && chatVersion == upstream.bodyVersion() && chat.get().changed();
    }

    /** The body as it would go upstream now, for {@code UpstreamRequest.body()}. */
    private byte[] currentBody() {
        if (chatChanged()) {
            return chat.get().toBytes();
        }
        byte[] replaced = upstream.replacedBody();
        return replaced != null ? replaced : body.get();
    }

    /** After the request phases: a chat request a plugin changed becomes the body sent upstream. */
    private void writeBackChat() {
        if (chatChanged() && !response.exited()) {
            upstream.setBody(chat.get().toBytes());
            chatVersion = upstream.bodyVersion(); // the view is the body now: no need to parse it again
        }
    }

    /** Rewrite, then access, stopping at the first exit. */
    public void requestPhases() {
        try {
            runRequestPhases();
        } finally {
            writeBackChat();
        }
    }

    private void runRequestPhases() {
        PluginIndex.RoutePlan plan = index.plan(route.routeId(), route.serviceId());
        int n = index.ordered().size();
        for (int k = 0; k < n; k++) {
            PluginIndex.Instance i = plan.withoutConsumer()[k];
            if (i != null && i.phases().contains(Phase.REWRITE)) {
                call(i, Phase.REWRITE);
                if (response.exited()) {
                    return;
                }
            }
        }
        for (int k = 0; k < n; k++) {
            PluginIndex.Instance i = index.resolve(k, plan, route.routeId(), route.serviceId(), identity.consumerId());
            if (i != null && i.phases().contains(Phase.ACCESS)) {
                call(i, Phase.ACCESS);
                if (response.exited()) {
                    return;
                }
            }
        }
    }

    /** The upstream answered (or a plugin did): header_filter in ascending priority. */
    public void headerFilter(UpstreamResponseState upstreamResponse) {
        this.upstreamResponse = upstreamResponse;
        response.status(response.exited() ? response.exitStatus()
                : response.replacedStatus() != 0 ? response.replacedStatus() : upstreamResponse.status());
        response.seed(upstreamResponse.headers());
        for (PluginIndex.Instance i : applied()) {
            if (i.phases().contains(Phase.HEADER_FILTER)) {
                call(i, Phase.HEADER_FILTER);
            }
        }
    }

    /** True when some applicable plugin needs the whole response body (the response phase). */
    public boolean buffersResponse() {
        return appliedPhases().contains(Phase.RESPONSE);
    }

    /** The whole upstream response is in: the response phase, in ascending priority. */
    public void responsePhase(UpstreamResponseState withBody) {
        this.upstreamResponse = withBody;
        response.status(withBody.status());
        for (PluginIndex.Instance i : applied()) {
            if (i.phases().contains(Phase.RESPONSE)) {
                call(i, Phase.RESPONSE);
            }
        }
    }

    /** True when some applicable plugin filters the body. */
    public boolean filtersBody() {
        return appliedPhases().contains(Phase.BODY_FILTER);
    }

    /** One chunk through every body filter, in ascending priority. */
    public byte[] bodyFilter(byte[] chunk, boolean last) {
        byte[] out = chunk;
        for (PluginIndex.Instance i : applied()) {
            if (i.phases().contains(Phase.BODY_FILTER)) {
                long t0 = i.scripted() || times.recordsTimeline() ? System.nanoTime() : 0;
                boolean ok = false;
                try {
                    out = i.plugin().bodyFilter(new HostPluginContext(this, i, Phase.BODY_FILTER), out, last);
                    ok = true;
                } catch (RuntimeException e) {
                    throw failed(i, Phase.BODY_FILTER, e);
                } finally {
                    timed(i, Phase.BODY_FILTER, t0, ok);
                }
                if (out == null) {
                    out = new byte[0];
                }
            }
        }
        return out;
    }

    /** True when some applicable plugin has a log phase. */
    public boolean logs() {
        return appliedPhases().contains(Phase.LOG);
    }

    /** The phases some applicable plugin implements. */
    private java.util.Set<Phase> appliedPhases() {
        if (appliedPhases == null) {
            java.util.EnumSet<Phase> phases = java.util.EnumSet.noneOf(Phase.class);
            applied().forEach(i -> phases.addAll(i.phases()));
            appliedPhases = phases;
        }
        return appliedPhases;
    }

    /**
     * Before handing the run to the log phase: keep what plugins may read of the request, as the
     * request itself may be gone by then. {@code bodyRead} is the body if it was read, else null.
     */
    public void freezeRequest(byte[] bodyRead) {
        request.freeze(bodyRead);
    }

    /** The log phase: a plugin that fails here is logged and the others still run. */
    public void logPhase() {
        for (PluginIndex.Instance i : applied()) {
            if (i.phases().contains(Phase.LOG)) {
                try {
                    i.plugin().log(new HostPluginContext(this, i, Phase.LOG));
                } catch (RuntimeException e) {
                    index.metrics().failed(i.name(), Phase.LOG);
                    LOG.log(Level.ERROR, "plugin " + i.name() + " failed in phase log", e);
                }
            }
        }
    }

    /** The instances that apply, now that the consumer is known, in ascending priority (response order). */
    private List<PluginIndex.Instance> applied() {
        if (applied == null) {
            List<PluginIndex.Instance> list = new ArrayList<>();
            PluginIndex.RoutePlan plan = index.plan(route.routeId(), route.serviceId());
            for (int k = 0; k < index.ordered().size(); k++) {
                PluginIndex.Instance i = index.resolve(k, plan, route.routeId(), route.serviceId(), identity.consumerId());
                if (i != null) {
                    list.add(i);
                }
            }
            applied = list.reversed();
        }
        return applied;
    }

    private void call(PluginIndex.Instance i, Phase phase) {
        HostPluginContext ctx = new HostPluginContext(this, i, phase);
        upstream.runningPlugin = i.name();
        int headerChanges = response.changes().size();
        long t0 = i.scripted() || times.recordsTimeline() ? System.nanoTime() : 0;
        boolean ok = false;
        try {
            switch (phase) {
                case REWRITE -> i.plugin().rewrite(ctx);
                case ACCESS -> i.plugin().access(ctx);
                case RESPONSE -> i.plugin().response(ctx);
                case HEADER_FILTER -> i.plugin().headerFilter(ctx);
                default -> throw new IllegalArgumentException("phase: " + phase);
            }
            ok = true;
        } catch (RuntimeException e) {
            response.dropChangesAfter(headerChanges); // a failed plugin's half-made headers are not sent
            throw failed(i, phase, e);
        } finally {
            timed(i, phase, t0, ok);
        }
    }

    /** A call that began at {@code t0} (0: untimed) ended: a script plugin's time, the timeline's entry. */
    private void timed(PluginIndex.Instance i, Phase phase, long t0, boolean ok) {
        if (t0 == 0) {
            return;
        }
        long t1 = System.nanoTime();
        if (i.scripted()) {
            index.metrics().scriptCall(i.name(), phase, t1 - t0);
        }
        times.plugin(i, phase, t0, t1, !ok);
    }

    private RuntimeException failed(PluginIndex.Instance i, Phase phase, RuntimeException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof RequestBodyTooLargeException tooLarge) {
                return tooLarge; // the client's fault, not the plugin's: 413, and no stack trace in the log
            }
            if (c instanceof UnreadableBodyException unreadable) {
                return unreadable; // the client's fault too: 400
            }
        }
        String where = "plugin " + i.name() + " failed in phase " + phase.name().toLowerCase(java.util.Locale.ROOT);
        index.metrics().failed(i.name(), phase);
        LOG.log(Level.ERROR, where, e);
        return new PluginFailure(where, e);
    }

    /**
     * An upstream handler threw: the request gets a 500, the log names the plugin that set it;
     * unless it was the client's body that failed (too large, unreadable), which is the client's.
     */
    public RuntimeException handlerFailed(String plugin, RuntimeException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof RequestBodyTooLargeException tooLarge) {
                return tooLarge;
            }
            if (c instanceof UnreadableBodyException unreadable) {
                return unreadable;
            }
        }
        String where = "plugin " + plugin + " failed in its upstream handler";
        index.metrics().handlerFailed(plugin);
        LOG.log(Level.ERROR, where, e);
        return new PluginFailure(where, e);
    }

    <T> Optional<T> get(ContextKey<T> key) {
        return values == null ? Optional.empty() : Optional.ofNullable(key.type().cast(values.get(key)));
    }

    <T> void put(ContextKey<T> key, T value) {
        if (values == null) {
            values = new HashMap<>();
        }
        values.put(key, value);
    }

    /** A plugin threw: the request gets a 500, the log names the plugin. */
    public static final class PluginFailure extends RuntimeException {
        PluginFailure(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }
}
