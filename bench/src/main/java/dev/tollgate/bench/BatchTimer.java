package dev.tollgate.bench;

import java.util.function.Consumer;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;

/**
 * Times calls one by one into a histogram, in batches whose inputs are built before the batch
 * runs, so that building a request (a chat view, a context) is never in the timed region.
 */
public final class BatchTimer {
    private static final int BATCH = 1_000;

    private BatchTimer() {
    }

    /**
     * Up to {@code calls} timed calls of {@code call}, each on a fresh {@code input}, stopping
     * after {@code maxNanos} of wall time; {@code into} null times nothing (a warm-up).
     */
    public static <T> void run(int calls, long maxNanos, Histogram into, Supplier<T> input, Consumer<T> call) {
        @SuppressWarnings("unchecked")
        T[] batch = (T[]) new Object[BATCH];
        long deadline = System.nanoTime() + maxNanos;
        int done = 0;
        while (done < calls && System.nanoTime() - deadline < 0) {
            int n = Math.min(BATCH, calls - done);
            for (int i = 0; i < n; i++) {
                batch[i] = input.get();
            }
            for (int i = 0; i < n; i++) {
                T in = batch[i];
                long start = System.nanoTime();
                call.accept(in);
                long took = System.nanoTime() - start;
                if (into != null) {
                    into.recordValue(took);
                }
                batch[i] = null;
            }
            done += n;
        }
    }
}
