package dev.tollgate.plugins.opentelemetry;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import dev.tollgate.sdk.ContextKey;

/**
 * The trace of one request, decided when the plugin first sees it: its trace id (the client's or
 * a new one), the client's span it continues, whether it is sampled, and the ids of the server
 * span and of the upstream call's span (sent upstream before the spans exist). With
 * {@code capture_content}, the prompt and the answer as they passed.
 */
final class RequestTrace {
    static final ContextKey<RequestTrace> KEY = ContextKey.of("opentelemetry.trace", RequestTrace.class);
    /** The most of an answer kept for gen_ai.output.messages. */
    static final int MAX_CAPTURE = 64 * 1024;

    final String traceId;
    final String parentSpanId;
    final boolean sampled;
    final String serverSpanId = newSpanId();
    final String upstreamSpanId = newSpanId();
    String inputMessages;
    ByteArrayOutputStream output;
    /** True when the answer was captured but may not be exported (ai-sanitizer masks answers). */
    boolean outputWithheld;

    RequestTrace(String traceId, String parentSpanId, boolean sampled) {
        this.traceId = traceId;
        this.parentSpanId = parentSpanId;
        this.sampled = sampled;
    }

    /** A trace for a request: the client's, if one of {@code config}'s formats carries it; else a new one, sampled at the rate. */
    static RequestTrace start(OpenTelemetryConfig config, java.util.function.Function<String, java.util.Optional<String>> header) {
        for (TraceFormat f : config.extract()) {
            var parent = f.extract(header);
            if (parent.isPresent()) {
                RequestTrace t = new RequestTrace(parent.get().traceId(), parent.get().spanId(), parent.get().sampled());
                t.format = f;
                return t;
            }
        }
        boolean denied = (config.extract().contains(TraceFormat.B3) || config.extract().contains(TraceFormat.B3_SINGLE))
                && TraceFormat.deniedByB3(header);
        boolean sampled = !denied
                && (config.samplingRate() >= 1 || ThreadLocalRandom.current().nextDouble() < config.samplingRate());
        return new RequestTrace(newTraceId(), null, sampled);
    }

    /** The format the client's context was read in; null for a new trace. */
    TraceFormat format;

    /** Keeps up to {@link #MAX_CAPTURE} bytes of the answer. */
    void captureOutput(byte[] chunk) {
        if (output == null) {
            output = new ByteArrayOutputStream();
        }
        int room = MAX_CAPTURE - output.size();
        if (room > 0) {
            output.write(chunk, 0, Math.min(room, chunk.length));
        }
    }

    static String newTraceId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi;
        long lo;
        do {
            hi = r.nextLong();
            lo = r.nextLong();
        } while (hi == 0 && lo == 0);
        return HexFormat.of().toHexDigits(hi) + HexFormat.of().toHexDigits(lo);
    }

    static String newSpanId() {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong();
        } while (id == 0);
        return HexFormat.of().toHexDigits(id);
    }
}
