package dev.tollgate.sdk.testkit;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.tollgate.sdk.Counters;

/**

 * Fixed-window counters in a map, on a clock the test controls.

 *

 * @since 0.1.0

 */
public final class InMemoryCounters implements Counters {
    private final Clock clock;
    private final ConcurrentHashMap<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private volatile boolean down;

    public InMemoryCounters(Clock clock) {
        this.clock = clock;
    }

    /** Makes every call fail as a store that cannot be reached does. */
    public void setDown(boolean down) {
        this.down = down;
    }

    @Override
    public long increment(String key, Duration window, long amount) {
        check();
        return counts.computeIfAbsent(slot(key, window), k -> new AtomicLong()).addAndGet(amount);
    }

    @Override
    public long get(String key, Duration window) {
        check();
        AtomicLong c = counts.get(slot(key, window));
        return c == null ? 0 : c.get();
    }

    private String slot(String key, Duration window) {
        long w = window.toMillis();
        return key + "|" + w + "|" + clock.millis() / w;
    }

    private void check() {
        if (down) {
            throw new CounterUnavailableException("counter store down (test)", null);
        }
    }
}
