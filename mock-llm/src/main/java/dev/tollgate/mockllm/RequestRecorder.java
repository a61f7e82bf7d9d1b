package dev.tollgate.mockllm;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Keeps every request twice: as a history for {@code requests()} and as a queue for
 * {@code takeRequest}, so a test can both wait for the next one and look back at all of them.
 * Only the newest {@link #LIMIT} are kept, so a long benchmark run cannot exhaust the heap.
 */
final class RequestRecorder {
    static final int LIMIT = 10_000;

    private final ArrayDeque<RecordedRequest> history = new ArrayDeque<>();
    private final LinkedBlockingQueue<RecordedRequest> unseen = new LinkedBlockingQueue<>();

    synchronized void record(RecordedRequest request) {
        history.addLast(requireNonNull(request, "request"));
        if (history.size() > LIMIT) {
            history.removeFirst();
        }
        unseen.add(request);
        if (unseen.size() > LIMIT) {
            unseen.poll();
        }
    }

    synchronized List<RecordedRequest> all() {
        return List.copyOf(history);
    }

    synchronized void clear() {
        history.clear();
        unseen.clear();
    }

    Optional<RecordedRequest> take(Duration timeout) {
        Pacer.checkDelay(timeout, "timeout");
        try {
            return Optional.ofNullable(unseen.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
