package dev.tollgate.commons.queue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue between the LOG phase and the one sender of a plugin instance. Adding never
 * waits for the sender: when the queue is full the oldest entry is dropped. The queue also
 * knows whether a sender is attached, so that a sender leaving after an idle spell and an entry
 * arriving at that moment cannot miss each other.
 */
public final class BatchQueue<T> {
    /** What {@link #add} did. */
    public record Added(boolean droppedOldest, boolean startSender, boolean refused) {
    }

    private record Entry<T>(T item, long queuedAt) {
    }

    private final int maxEntries;
    private final int maxBatchSize;
    private final long coalescingNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Entry<T>> entries = new ArrayDeque<>();
    private boolean senderAttached; // guarded by lock
    private boolean closed; // guarded by lock
    private long dropped; // guarded by lock

    public BatchQueue(QueueConfig config) {
        this.maxEntries = config.maxEntries();
        this.maxBatchSize = config.maxBatchSize();
        this.coalescingNanos = config.maxCoalescingDelay().toNanos();
    }

    /** Queues {@code item}; the caller starts a sender when told to. */
    public Added add(T item) {
        lock.lock();
        try {
            if (closed) {
                dropped++;
                return new Added(false, false, true);
            }
            boolean full = entries.size() >= maxEntries;
            if (full) {
                entries.pollFirst();
                dropped++;
            }
            entries.addLast(new Entry<>(item, System.nanoTime()));
            boolean start = !senderAttached;
            senderAttached = true;
            // The sender waits for a first entry, then for a full batch or its coalescing deadline
            // (a timed wait): only those two moments need to wake it.
            if (entries.size() == 1 || entries.size() >= maxBatchSize) {
                changed.signalAll();
            }
            return new Added(full, start, false);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next batch: waits up to {@code idle} for a first entry, then until {@code max_batch_size}
     * entries are queued or the first has waited {@code max_coalescing_delay}. Empty when no entry
     * came in time or the queue was closed: the sender is then detached and must stop.
     */
    public Optional<List<T>> nextBatch(long idle, TimeUnit unit) throws InterruptedException {
        lock.lock();
        try {
            long idleLeft = unit.toNanos(idle);
            while (entries.isEmpty() && !closed && idleLeft > 0) {
                idleLeft = changed.awaitNanos(idleLeft);
            }
            if (entries.isEmpty() || closed) {
                senderAttached = false;
                return Optional.empty();
            }
            long sendAt = entries.peekFirst().queuedAt() + coalescingNanos;
            while (!closed && entries.size() < maxBatchSize) {
                long wait = sendAt - System.nanoTime();
                if (wait <= 0) {
                    break;
                }
                changed.awaitNanos(wait);
            }
            if (closed) {
                senderAttached = false;
                return Optional.empty();
            }
            List<T> batch = new ArrayList<>(Math.min(maxBatchSize, entries.size()));
            while (batch.size() < maxBatchSize && !entries.isEmpty()) {
                batch.add(entries.pollFirst().item());
            }
            return Optional.of(batch);
        } catch (InterruptedException e) {
            senderAttached = false;
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /** What a sender does with a batch; it may wait (retries) and is interrupted when the queue's owner closes. */
    @FunctionalInterface
    public interface Delivery<T> {
        void deliver(List<T> batch) throws InterruptedException;
    }

    /**
     * A sender's loop: hands each batch to {@code delivery} until no entry comes for
     * {@code idleSeconds} (the sender then stops; the next {@link #add} asks for a new one), the
     * queue is closed, or the thread is interrupted. A delivery that throws stops the sender and
     * is reported to {@code log}.
     */
    public void drain(long idleSeconds, Delivery<T> delivery, System.Logger log, String sender) {
        try {
            Optional<List<T>> batch;
            while ((batch = nextBatch(idleSeconds, TimeUnit.SECONDS)).isPresent()) {
                delivery.deliver(batch.get());
            }
        } catch (InterruptedException e) {
            // closed
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.ERROR, sender + " stopped unexpectedly", e);
        }
    }

    /** Refuses further entries, discards the queued ones and wakes a waiting sender. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            dropped += entries.size();
            entries.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Entries dropped so far: the oldest when the queue was full, and those a close discarded. */
    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }
}
