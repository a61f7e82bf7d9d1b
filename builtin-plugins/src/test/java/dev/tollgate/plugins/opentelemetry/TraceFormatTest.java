package dev.tollgate.plugins.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TraceFormatTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";

    private static Optional<TraceFormat.Parent> read(TraceFormat f, Map<String, String> headers) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        return f.extract(name -> Optional.ofNullable(h.get(name)));
    }

    @ParameterizedTest
    @EnumSource(TraceFormat.class)
    void whatIsWrittenIsReadBack(TraceFormat f) {
        String trace = f == TraceFormat.DATADOG ? "0000000000000000" + TRACE.substring(16) : TRACE; // 64-bit ids
        for (boolean sampled : new boolean[] {true, false}) {
            assertThat(read(f, f.inject(trace, SPAN, sampled))).contains(new TraceFormat.Parent(trace, SPAN, sampled, f));
        }
    }

    @Test
    void theFormatsAreTheWireFormatsOfTheirSpecifications() {
        assertThat(TraceFormat.W3C.inject(TRACE, SPAN, true)).containsExactly(Map.entry("traceparent", "00-" + TRACE + "-" + SPAN + "-01"));
        assertThat(TraceFormat.AWS.inject(TRACE, SPAN, true)).containsExactly(
                Map.entry("x-amzn-trace-id", "Root=1-4bf92f35-77b34da6a3ce929d0e0e4736;Parent=" + SPAN + ";Sampled=1"));
        assertThat(TraceFormat.GCP.inject(TRACE, SPAN, false)).containsExactly(
                Map.entry("x-cloud-trace-context", TRACE + "/" + Long.parseUnsignedLong(SPAN, 16) + ";o=0"));
        assertThat(TraceFormat.JAEGER.inject(TRACE, SPAN, true)).containsExactly(Map.entry("uber-trace-id", TRACE + ":" + SPAN + ":0:01"));
        assertThat(TraceFormat.B3_SINGLE.inject(TRACE, SPAN, true)).containsExactly(Map.entry("b3", TRACE + "-" + SPAN + "-1"));
        // 64-bit B3 and Jaeger ids are padded to 128 bits
        assertThat(read(TraceFormat.B3, Map.of("X-B3-TraceId", "a3ce929d0e0e4736", "X-B3-SpanId", SPAN, "X-B3-Sampled", "1")))
                .contains(new TraceFormat.Parent("0000000000000000a3ce929d0e0e4736", SPAN, true, TraceFormat.B3));
    }

    @Test
    void malformedOrZeroContextsAreIgnored() {
        assertThat(read(TraceFormat.W3C, Map.of("traceparent", "00-" + "0".repeat(32) + "-" + SPAN + "-01"))).isEmpty();
        assertThat(read(TraceFormat.W3C, Map.of("traceparent", "00-xyz-" + SPAN + "-01"))).isEmpty();
        assertThat(read(TraceFormat.W3C, Map.of("traceparent", "00-" + TRACE.toUpperCase() + "-" + SPAN + "-01"))).isEmpty();
        assertThat(read(TraceFormat.AWS, Map.of("X-Amzn-Trace-Id", "Root=garbage"))).isEmpty();
        assertThat(read(TraceFormat.GCP, Map.of("X-Cloud-Trace-Context", TRACE + "/not-a-number"))).isEmpty();
        assertThat(read(TraceFormat.DATADOG, Map.of("x-datadog-trace-id", "-1", "x-datadog-parent-id", "x"))).isEmpty();
        assertThat(read(TraceFormat.JAEGER, Map.of("uber-trace-id", "a:b"))).isEmpty();
    }
}
