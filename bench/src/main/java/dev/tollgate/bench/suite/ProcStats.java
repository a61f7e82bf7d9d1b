package dev.tollgate.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CPU time and resident memory of a process and its descendants (nginx's workers), read from
 * Linux's {@code /proc}: what a scenario costs the proxy, not the load driver or the mock.
 */
final class ProcStats {
    /** Linux reports CPU in clock ticks; 100 per second on every common kernel configuration. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final long PAGE_KB = 4;

    private ProcStats() {
    }

    /** User + system CPU seconds used so far by {@code root} and its live descendants. */
    static double cpuSeconds(ProcessHandle root) {
        long ticks = 0;
        for (ProcessHandle p : tree(root)) {
            String[] f = statFields(p.pid());
            if (f.length > 15) {
                ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]); // utime, stime
            }
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** Resident set size of {@code root} and its live descendants, in KiB. */
    static long rssKb(ProcessHandle root) {
        long pages = 0;
        for (ProcessHandle p : tree(root)) {
            try {
                String[] statm = Files.readString(Path.of("/proc", String.valueOf(p.pid()), "statm")).trim().split(" ");
                pages += Long.parseLong(statm[1]);
            } catch (IOException | RuntimeException gone) {
                // the process ended between listing and reading
            }
        }
        return pages * PAGE_KB;
    }

    /**
     * Samples the tree's RSS every 100 ms until closed; {@link Sampler#peakKb()} is the highest seen.
     */
    static Sampler sampleRss(ProcessHandle root) {
        return new Sampler(root);
    }

    private static List<ProcessHandle> tree(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        root.descendants().forEach(all::add);
        return all;
    }

    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // The command name (field 2) is in parentheses and may hold spaces: split after it.
            String rest = stat.substring(stat.lastIndexOf(')') + 2);
            String[] tail = rest.trim().split(" ");
            String[] fields = new String[tail.length + 2];
            System.arraycopy(tail, 0, fields, 2, tail.length);
            return fields;
        } catch (IOException | RuntimeException gone) {
            return new String[0];
        }
    }

    /** A background RSS sampler. */
    static final class Sampler implements AutoCloseable {
        private final AtomicLong peak = new AtomicLong();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rss-sampler");
            t.setDaemon(true);
            return t;
        });

        private Sampler(ProcessHandle root) {
            timer.scheduleAtFixedRate(() -> peak.accumulateAndGet(rssKb(root), Math::max), 0, 100, TimeUnit.MILLISECONDS);
        }

        long peakKb() {
            return peak.get();
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }
}
