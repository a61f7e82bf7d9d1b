package dev.tollgate.plugins.aiproxy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.tollgate.plugins.aiproxy.BalancerConfig.Algorithm;

/**
 * The targets of one plugin instance with what is learnt about them while it serves (latency,
 * tokens, circuit state), and the order in which a request tries them: the algorithm's choice
 * first, then the others as fallbacks. Thread-safe.
 */
final class TargetPool {
    /** One target and its running figures. */
    static final class Member {
        final TargetConfig config;
        final CircuitBreaker breaker;
        /** Exponentially weighted moving average of the latency to the answer's start, in µs; 0 = no sample yet. */
        final AtomicLong latencyEwmaMicros = new AtomicLong();
        final AtomicLong tokens = new AtomicLong();
        final int index;

        Member(TargetConfig config, CircuitBreaker breaker, int index) {
            this.config = config;
            this.breaker = breaker;
            this.index = index;
        }

        void recordLatency(long micros) {
            latencyEwmaMicros.updateAndGet(old -> old == 0 ? Math.max(1, micros) : Math.max(1, (old * 4 + micros) / 5));
        }

        void recordTokens(long n) {
            tokens.addAndGet(n);
        }
    }

    private final List<Member> members;
    private final Algorithm algorithm;
    /** Smooth weighted round-robin sequence of member indices, computed once. */
    private final int[] wheel;
    private final AtomicLong turn = new AtomicLong();
    private volatile dev.tollgate.sdk.metrics.Metrics bound;

    TargetPool(List<TargetConfig> targets, BalancerConfig balancer, Clock clock) {
        List<Member> list = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            list.add(new Member(targets.get(i), new CircuitBreaker(balancer.breakerFailures(), balancer.coolDown(), clock), i));
        }
        this.members = List.copyOf(list);
        this.algorithm = balancer.algorithm();
        this.wheel = wheel(members);
    }

    List<Member> members() {
        return members;
    }

    /** Counts the circuits' transitions into {@code metrics}, once per registry. */
    void bind(dev.tollgate.sdk.metrics.Metrics metrics) {
        if (bound == metrics) {
            return;
        }
        synchronized (this) {
            if (bound != metrics) {
                for (Member m : members) {
                    TargetConfig c = m.config;
                    m.breaker.metrics(BreakerMetrics.of(metrics, c.provider(), c.modelName().orElse("(client's)"),
                            c.model().options().upstreamUrl().map(TargetPool::authority).orElse("(provider default)")));
                }
                bound = metrics;
            }
        }
    }

    /** The plugin instance is dropped: its open circuits no longer count. */
    void retire() {
        members.forEach(m -> m.breaker.retire());
    }

    private static String authority(String url) {
        try {
            String a = java.net.URI.create(url).getRawAuthority();
            return a == null ? url : a;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    /**
     * The order a request tries the targets in. {@code hashKey} is used by consistent hashing.
     * Targets whose circuit is open come last; the caller skips those it cannot acquire.
     */
    List<Member> order(String hashKey) {
        if (members.size() == 1) {
            return members;
        }
        List<Member> out = switch (algorithm) {
            case ROUND_ROBIN -> roundRobin(members);
            case LOWEST_LATENCY -> sorted(Comparator.comparingLong(m -> m.latencyEwmaMicros.get()));
            case LOWEST_USAGE -> sorted(Comparator.comparingDouble(m -> (double) m.tokens.get() / m.config.weight()));
            case CONSISTENT_HASHING -> rendezvous(hashKey);
            case PRIORITY -> priority();
        };
        // Open circuits to the back: a request tries healthy targets first.
        List<Member> ordered = new ArrayList<>(out.size());
        out.stream().filter(m -> m.breaker.state() != CircuitBreaker.State.OPEN).forEach(ordered::add);
        out.stream().filter(m -> m.breaker.state() == CircuitBreaker.State.OPEN).forEach(ordered::add);
        return ordered;
    }

    private List<Member> roundRobin(List<Member> among) {
        int first = wheel[(int) Math.floorMod(turn.getAndIncrement(), (long) wheel.length)];
        List<Member> out = new ArrayList<>(among.size());
        out.add(members.get(first));
        among.stream().filter(m -> m.index != first)
                .sorted(Comparator.comparingInt((Member m) -> -m.config.weight())).forEach(out::add);
        return out;
    }

    private List<Member> sorted(Comparator<Member> by) {
        // Ties (no samples yet) are broken by round-robin so new targets all get traffic.
        List<Member> rr = roundRobin(members);
        List<Member> out = new ArrayList<>(rr);
        out.sort(by);
        return out;
    }

    /** Weighted rendezvous hashing: the same key picks the same target while the set is unchanged. */
    private List<Member> rendezvous(String key) {
        byte[] k = (key == null ? "" : key).getBytes(StandardCharsets.UTF_8);
        List<Member> out = new ArrayList<>(members);
        double[] score = new double[members.size()];
        for (Member m : members) {
            long h = mix(fnv(k) ^ (0x9E3779B97F4A7C15L * (m.index + 1)));
            double u = ((h >>> 11) + 1) / (double) (1L << 53); // (0, 1]
            score[m.index] = -m.config.weight() / Math.log(u);
        }
        out.sort(Comparator.comparingDouble((Member m) -> -score[m.index]));
        return out;
    }

    /** The highest priority group (round-robin within it), then the lower groups. */
    private List<Member> priority() {
        List<Member> rr = roundRobin(members);
        List<Member> out = new ArrayList<>(rr);
        out.sort(Comparator.comparingInt((Member m) -> -m.config.priority())); // stable: round-robin order within a group
        return out;
    }

    private static int[] wheel(List<Member> members) {
        int g = 0;
        for (Member m : members) {
            g = gcd(g, m.config.weight());
        }
        long total = 0;
        for (Member m : members) {
            total += m.config.weight() / g;
        }
        int size = (int) Math.min(total, 10_000);
        int[] out = new int[size];
        long[] current = new long[members.size()];
        for (int step = 0; step < size; step++) {
            int best = 0;
            for (Member m : members) {
                current[m.index] += m.config.weight();
                if (current[m.index] > current[best]) {
                    best = m.index;
                }
            }
            current[best] -= total * g;
            out[step] = best;
        }
        return out;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static long fnv(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
