package dev.tollgate.host.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Weighted round-robin over an upstream's targets. The order is computed once per
 * snapshot (smooth weighted round-robin, so heavy targets are interleaved rather than
 * bunched); picking is one atomic increment.
 */
public final class UpstreamBalancer {
    private final String name;
    private final String hostHeader;
    private final TargetAddress[] wheel;
    private final List<TargetAddress> targets;
    private final AtomicLong next = new AtomicLong();

    private UpstreamBalancer(String name, String hostHeader, TargetAddress[] wheel, List<TargetAddress> targets) {
        this.name = name;
        this.hostHeader = hostHeader;
        this.wheel = wheel;
        this.targets = targets;
    }

    /** A weighted target; weight 0 disables it. */
    public record Weighted(TargetAddress address, int weight) {}

    /** Wheels stay this small: beyond it, weights are scaled down (never to 0) keeping their ratios closely. */
    static final int MAX_WHEEL = 4096;

    public static UpstreamBalancer create(String name, List<Weighted> targets) {
        return create(name, null, targets);
    }

    /** {@code hostHeader}: the Host upstream requests carry instead of the target's address (may be null). */
    public static UpstreamBalancer create(String name, String hostHeader, List<Weighted> targets) {
        List<Weighted> live = targets.stream().filter(t -> t.weight() > 0).toList();
        long sum = live.stream().mapToLong(Weighted::weight).sum();
        if (sum > MAX_WHEEL) {
            live = live.stream()
                    .map(t -> new Weighted(t.address(), (int) Math.max(1, Math.round((double) t.weight() * MAX_WHEEL / sum))))
                    .toList();
        }
        int total = live.stream().mapToInt(Weighted::weight).sum();
        // Reduce by the gcd so the wheel stays small for weights like 100/100/50.
        int gcd = live.stream().mapToInt(Weighted::weight).reduce(UpstreamBalancer::gcd).orElse(1);
        int size = total / Math.max(gcd, 1);
        TargetAddress[] wheel = new TargetAddress[size];
        int[] current = new int[live.size()];
        for (int slot = 0; slot < size; slot++) {
            int best = -1;
            for (int i = 0; i < live.size(); i++) {
                current[i] += live.get(i).weight() / gcd;
                if (best < 0 || current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= size;
            wheel[slot] = live.get(best).address();
        }
        List<TargetAddress> distinct = new ArrayList<>();
        live.forEach(w -> distinct.add(w.address()));
        return new UpstreamBalancer(name, hostHeader, wheel, List.copyOf(distinct));
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    public String name() {
        return name;
    }

    /** The upstream's {@code host_header}, when it has one. */
    public java.util.Optional<String> hostHeader() {
        return java.util.Optional.ofNullable(hostHeader);
    }

    /** True when no target has a positive weight. */
    public boolean isEmpty() {
        return wheel.length == 0;
    }

    /** The next target in weighted order. */
    public TargetAddress next() {
        return wheel[(int) Math.floorMod(next.getAndIncrement(), (long) wheel.length)];
    }

    /** The healthy-or-not set of targets, for retries that should try a different one. */
    public List<TargetAddress> targets() {
        return targets;
    }

    @Override
    public String toString() {
        return "UpstreamBalancer[" + name + ", " + targets + "]";
    }
}
