package dev.tollgate.host.requests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongFunction;

/**
 * The node's last requests, newest first: a fixed ring written without locks by the proxy
 * threads, read by {@code GET /requests}, and pushed to the readers of {@code GET
 * /requests/stream}. With a {@link ClusterFeed}, entries of the other nodes reach those readers
 * too.
 */
public final class RequestLog implements AutoCloseable {
    /** Readers of the stream at once, at most; more get 503. */
    public static final int MAX_SUBSCRIBERS = 64;
    /** Entries a slow reader may fall behind by before the oldest are dropped (and counted). */
    static final int SUBSCRIBER_QUEUE = 1024;

    private final String node;
    private final AtomicReferenceArray<RequestEntry> ring;
    private final AtomicLong seq = new AtomicLong();
    private final CopyOnWriteArrayList<Subscription> subscribers = new CopyOnWriteArrayList<>();
    private volatile ClusterFeed feed;

    /** A log of {@code size} entries; 0 keeps none (and {@link #enabled()} is false). */
    public RequestLog(String node, int size) {
        this.node = node;
        this.ring = new AtomicReferenceArray<>(Math.max(1, size));
        this.enabled = size > 0;
    }

    private final boolean enabled;

    public boolean enabled() {
        return enabled;
    }

    public String node() {
        return node;
    }

    /** Shares entries with the other nodes through {@code feed}. */
    public void share(ClusterFeed feed) {
        this.feed = feed;
    }

    /** Adds the entry {@code make} builds for the next sequence number; hands it to the stream's readers. */
    public void add(LongFunction<RequestEntry> make) {
        if (!enabled) {
            return;
        }
        long s = seq.incrementAndGet();
        RequestEntry e = make.apply(s);
        ring.set((int) (s % ring.length()), e);
        for (Subscription sub : subscribers) {
            if (sub.filter.matches(e)) {
                sub.offer(e);
            }
        }
        ClusterFeed f = feed;
        if (f != null) {
            f.publish(e);
        }
    }

    /** Entries from another node, for the readers who asked for the whole cluster's. */
    void fromCluster(Map<String, Object> entry) {
        for (Subscription sub : subscribers) {
            if (sub.cluster && sub.filter.matches(entry)) {
                sub.offer(entry);
            }
        }
    }

    /** Up to {@code max} entries that match {@code filter}, newest first. */
    public List<RequestEntry> newest(RequestFilter filter, int max) {
        List<RequestEntry> out = new ArrayList<>(Math.min(max, 100));
        long last = seq.get();
        for (long s = last; s > 0 && s > last - ring.length() && out.size() < max; s--) {
            RequestEntry e = ring.get((int) (s % ring.length()));
            if (e != null && e.seq() == s && filter.matches(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /** A reader of new entries; null when {@link #MAX_SUBSCRIBERS} are reading already. */
    public Subscription subscribe(RequestFilter filter, boolean cluster) {
        synchronized (subscribers) {
            if (subscribers.size() >= MAX_SUBSCRIBERS) {
                return null;
            }
            Subscription s = new Subscription(filter, cluster && feed != null);
            subscribers.add(s);
            if (watchdog == null) {
                watchdog = Thread.ofVirtual().name("tollgate-request-log-watchdog").start(this::watch);
            }
            return s;
        }
    }

    /** A write to a reader stuck this long means the reader stopped reading: its connection is closed. */
    static final long STUCK_WRITE_NANOS = 30_000_000_000L;
    private Thread watchdog;

    /**
     * Frees the slots of readers that stopped reading without leaving: a write blocked past
     * {@link #STUCK_WRITE_NANOS} gets its thread interrupted, which closes the connection.
     */
    private void watch() {
        while (!closed) {
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Subscription s : subscribers) {
                long since = s.writingSince;
                Thread reader = s.reader;
                if (since != 0 && now - since > STUCK_WRITE_NANOS && reader != null) {
                    reader.interrupt();
                }
            }
        }
    }

    /** True when entries of other nodes can be streamed. */
    public boolean clustered() {
        return feed != null;
    }

    private volatile boolean closed;

    @Override
    public void close() {
        closed = true;
        Thread w = watchdog;
        if (w != null) {
            w.interrupt();
        }
        ClusterFeed f = feed;
        if (f != null) {
            f.close();
        }
        subscribers.forEach(Subscription::close);
    }

    /** One reader's queue: entries of this node, or maps of other nodes' entries. */
    public final class Subscription implements AutoCloseable {
        private final RequestFilter filter;
        private final boolean cluster;
        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(SUBSCRIBER_QUEUE);
        private final AtomicLong dropped = new AtomicLong();
        private volatile Thread reader;
        private volatile long writingSince;

        private Subscription(RequestFilter filter, boolean cluster) {
            this.filter = filter;
            this.cluster = cluster;
        }

        private void offer(Object entry) {
            while (!queue.offer(entry)) {
                if (queue.poll() != null) {
                    dropped.incrementAndGet(); // a slow reader loses the oldest, never slows the proxy
                }
            }
        }

        /** The next entry ({@link RequestEntry} or a map), or null after {@code timeoutMillis}. */
        public Object next(long timeoutMillis) throws InterruptedException {
            return queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        }

        /** The reader's thread is about to write to it (and may block there if the reader stopped reading). */
        public void writing() {
            reader = Thread.currentThread();
            writingSince = System.nanoTime();
        }

        /** The write is done. */
        public void written() {
            writingSince = 0;
        }

        /** Entries dropped so far because the reader fell behind; reading resets it. */
        public long takeDropped() {
            return dropped.getAndSet(0);
        }

        @Override
        public void close() {
            subscribers.remove(this);
        }
    }
}
