package dev.tollgate.host.plugins;

import java.util.ArrayList;
import java.util.List;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.RequestTimeline;

/**
 * The plugin phases of one request as they run, for tracing plugins: one entry per plugin and
 * phase (a body filter's calls summed into one), times relative to the request's arrival.
 */
final class TimelineRecorder {
    private static final class Entry {
        final PluginIndex.Instance instance;
        final Phase phase;
        final long start;
        long end;
        long busy;
        int calls;
        boolean failed;

        Entry(PluginIndex.Instance instance, Phase phase, long start) {
            this.instance = instance;
            this.phase = phase;
            this.start = start;
        }
    }

    private final long originNanos;
    private final List<Entry> entries = new ArrayList<>();

    TimelineRecorder(long originNanos) {
        this.originNanos = originNanos;
    }

    synchronized void record(PluginIndex.Instance i, Phase phase, long startNanos, long endNanos, boolean failed) {
        Entry e = null;
        if (phase == Phase.BODY_FILTER) {
            for (Entry x : entries) {
                if (x.instance == i && x.phase == phase) {
                    e = x;
                    break;
                }
            }
        }
        if (e == null) {
            e = new Entry(i, phase, startNanos - originNanos);
            entries.add(e);
        }
        e.end = endNanos - originNanos;
        e.busy += endNanos - startNanos;
        e.calls++;
        e.failed |= failed;
    }

    synchronized void addTo(RequestTimeline.Builder b) {
        for (Entry e : entries) {
            b.phase(RequestTimeline.PhaseTiming.of(e.instance.name(), e.instance.factory().priority(), e.phase, e.start, e.end,
                    e.busy, e.calls, e.failed));
        }
    }
}
