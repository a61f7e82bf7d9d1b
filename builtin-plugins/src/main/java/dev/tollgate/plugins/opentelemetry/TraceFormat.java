package dev.tollgate.plugins.opentelemetry;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The trace context header formats Kong's opentelemetry plugin reads and writes: W3C
 * ({@code traceparent}), B3 (multi-header and single-header), Jaeger ({@code uber-trace-id}),
 * OpenTracing ({@code ot-tracer-*}), AWS X-Ray ({@code X-Amzn-Trace-Id}), Google Cloud
 * ({@code X-Cloud-Trace-Context}) and Datadog ({@code x-datadog-*}, 64-bit ids).
 */
enum TraceFormat {
    W3C("w3c"), B3("b3"), B3_SINGLE("b3-single"), JAEGER("jaeger"), OT("ot"), AWS("aws"), GCP("gcp"), DATADOG("datadog");

    /** A trace context read from a request. */
    record Parent(String traceId, String spanId, boolean sampled, TraceFormat format) {}

    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);

    final String configName;

    TraceFormat(String configName) {
        this.configName = configName;
    }

    static Optional<TraceFormat> of(String name) {
        for (TraceFormat f : values()) {
            if (f.configName.equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The context this format's headers carry, if they carry a valid one; {@code header} reads a header (any case). */
    Optional<Parent> extract(Function<String, Optional<String>> header) {
        try {
            return Optional.ofNullable(read(header)).filter(p -> valid(p.traceId(), 32) && valid(p.spanId(), 16));
        } catch (RuntimeException e) {
            return Optional.empty(); // malformed: as if absent
        }
    }

    private Parent read(Function<String, Optional<String>> header) {
        switch (this) {
            case W3C -> {
                String tp = header.apply("traceparent").orElse(null);
                if (tp == null || tp.length() != 55 || !tp.startsWith("00-") || tp.charAt(35) != '-' || tp.charAt(52) != '-') {
                    return null;
                }
                int hi = Character.digit(tp.charAt(53), 16);
                int lo = Character.digit(tp.charAt(54), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                return new Parent(tp.substring(3, 35), tp.substring(36, 52), (lo & 1) == 1, this);
            }
            case B3 -> {
                String t = header.apply("x-b3-traceid").orElse(null);
                String s = header.apply("x-b3-spanid").orElse(null);
                if (t == null || s == null) {
                    return null;
                }
                String sampled = header.apply("x-b3-sampled").orElse("1");
                boolean debug = header.apply("x-b3-flags").filter("1"::equals).isPresent();
                return new Parent(pad(t, 32), pad(s, 16), debug || sampled.equals("1") || sampled.equalsIgnoreCase("true"), this);
            }
            case B3_SINGLE -> {
                String[] p = header.apply("b3").map(v -> v.split("-")).orElse(null);
                if (p == null || p.length < 2) {
                    return null;
                }
                boolean sampled = p.length < 3 || p[2].equals("1") || p[2].equals("d");
                return new Parent(pad(p[0], 32), pad(p[1], 16), sampled, this);
            }
            case JAEGER -> {
                String[] p = header.apply("uber-trace-id").map(v -> v.split(":")).orElse(null);
                if (p == null || p.length != 4) {
                    return null;
                }
                return new Parent(pad(p[0], 32), pad(p[1], 16), (Integer.parseInt(p[3], 16) & 1) == 1, this);
            }
            case OT -> {
                String t = header.apply("ot-tracer-traceid").orElse(null);
                String s = header.apply("ot-tracer-spanid").orElse(null);
                if (t == null || s == null) {
                    return null;
                }
                return new Parent(pad(t, 32), pad(s, 16), header.apply("ot-tracer-sampled").map("true"::equalsIgnoreCase).orElse(true), this);
            }
            case AWS -> {
                String v = header.apply("x-amzn-trace-id").orElse(null);
                if (v == null) {
                    return null;
                }
                String root = null;
                String parent = null;
                boolean sampled = true;
                for (String part : v.split(";")) {
                    String[] kv = part.trim().split("=", 2);
                    if (kv.length == 2) {
                        switch (kv[0]) {
                            case "Root" -> root = kv[1];
                            case "Parent" -> parent = kv[1];
                            case "Sampled" -> sampled = kv[1].equals("1");
                            default -> { }
                        }
                    }
                }
                if (root == null || parent == null || !root.startsWith("1-") || root.length() != 35 || root.charAt(10) != '-') {
                    return null;
                }
                return new Parent(root.substring(2, 10) + root.substring(11), parent, sampled, this);
            }
            case GCP -> {
                String v = header.apply("x-cloud-trace-context").orElse(null);
                if (v == null || v.indexOf('/') < 0) {
                    return null;
                }
                String trace = v.substring(0, v.indexOf('/'));
                String rest = v.substring(v.indexOf('/') + 1);
                int semi = rest.indexOf(';');
                String span = semi < 0 ? rest : rest.substring(0, semi);
                boolean sampled = semi < 0 || rest.substring(semi).contains("o=1");
                return new Parent(pad(trace, 32), pad(new BigInteger(span).toString(16), 16), sampled, this);
            }
            case DATADOG -> {
                String t = header.apply("x-datadog-trace-id").orElse(null);
                String s = header.apply("x-datadog-parent-id").orElse(null);
                if (t == null || s == null) {
                    return null;
                }
                boolean sampled = header.apply("x-datadog-sampling-priority").map(p -> Integer.parseInt(p) > 0).orElse(true);
                BigInteger trace = new BigInteger(t);
                BigInteger span = new BigInteger(s);
                if (trace.signum() < 0 || span.signum() < 0 || trace.bitLength() > 64 || span.bitLength() > 64) {
                    return null; // Datadog ids are unsigned 64-bit
                }
                return new Parent(pad(trace.toString(16), 32), pad(span.toString(16), 16), sampled, this);
            }
            default -> throw new IllegalStateException(name());
        }
    }

    /** True when the client asks not to be traced in a B3 way that carries no ids ({@code b3: 0}, {@code X-B3-Sampled: 0}). */
    static boolean deniedByB3(Function<String, Optional<String>> header) {
        return header.apply("b3").filter("0"::equals).isPresent()
                || header.apply("x-b3-traceid").isEmpty() && header.apply("x-b3-sampled").filter(v -> v.equals("0")
                || v.equalsIgnoreCase("false")).isPresent();
    }

    /** The headers that carry {@code traceId} and {@code spanId} (the upstream call's span) in this format. */
    Map<String, String> inject(String traceId, String spanId, boolean sampled) {
        Map<String, String> h = new LinkedHashMap<>();
        String flag = sampled ? "1" : "0";
        switch (this) {
            case W3C -> h.put("traceparent", "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00"));
            case B3 -> {
                h.put("x-b3-traceid", traceId);
                h.put("x-b3-spanid", spanId);
                h.put("x-b3-sampled", flag);
            }
            case B3_SINGLE -> h.put("b3", traceId + "-" + spanId + "-" + flag);
            case JAEGER -> h.put("uber-trace-id", traceId + ":" + spanId + ":0:" + (sampled ? "01" : "00"));
            case OT -> {
                h.put("ot-tracer-traceid", traceId);
                h.put("ot-tracer-spanid", spanId);
                h.put("ot-tracer-sampled", Boolean.toString(sampled));
            }
            case AWS -> h.put("x-amzn-trace-id", "Root=1-" + traceId.substring(0, 8) + "-" + traceId.substring(8)
                    + ";Parent=" + spanId + ";Sampled=" + flag);
            case GCP -> h.put("x-cloud-trace-context", traceId + "/" + new BigInteger(spanId, 16) + ";o=" + flag);
            case DATADOG -> {
                h.put("x-datadog-trace-id", new BigInteger(traceId.substring(16), 16).toString());
                h.put("x-datadog-parent-id", new BigInteger(spanId, 16).toString());
                h.put("x-datadog-sampling-priority", flag);
            }
            default -> throw new IllegalStateException(name());
        }
        return h;
    }

    private static String pad(String hex, int length) {
        String h = hex.toLowerCase(Locale.ROOT);
        return h.length() >= length ? h : "0".repeat(length - h.length()) + h;
    }

    private static boolean valid(String id, int length) {
        if (id == null || id.length() != length || id.equals(length == 32 ? ZERO_TRACE : ZERO_SPAN)) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
