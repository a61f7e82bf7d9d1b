package dev.tollgate.mockllm;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Keeps every request twice: as a history for {@code requests()} and as a queue for
 * {@code takeRequest}, so a test can both wait for the next one and look back at all of them.
 */
final class RequestRecorder {

    private final List<RecordedRequest> history = new ArrayList<>();
    private final LinkedBlockingQueue<RecordedRequest> unseen = new LinkedBlockingQueue<>();

    synchronized void record(RecordedRequest request) {
        history.add(requireNonNull(request, "request"));
        unseen.add(request);
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
