package dev.tollgate.host.snapshot;

import static java.util.Objects.requireNonNull;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.tollgate.db.ConfigStore;

/**
 * Holds the current snapshot and rebuilds it when the store's version moves: at once after
 * a write through this node's Admin API, and by polling for writes made on other nodes. When
 * the database is unreachable the last snapshot keeps serving.
 */
public final class SnapshotSource implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SnapshotSource.class.getName());

    private final ConfigStore store;
    private final AtomicReference<ConfigSnapshot> current = new AtomicReference<>(ConfigSnapshot.empty());
    private final ScheduledExecutorService poller;
    private volatile boolean storeReachable = true;

    private SnapshotSource(ConfigStore store, Duration pollInterval) {
        this.store = store;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tollgate-config-poll");
            t.setDaemon(true);
            return t;
        });
        refresh();
        long ms = pollInterval.toMillis();
        poller.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Loads the configuration now (failing the start if the store is unusable) and polls after that. */
    public static SnapshotSource start(ConfigStore store, Duration pollInterval) {
        requireNonNull(store, "store");
        return new SnapshotSource(store, pollInterval);
    }

    public ConfigSnapshot current() {
        return current.get();
    }

    public boolean storeReachable() {
        return storeReachable;
    }

    /** Rebuilds from the store now. Called after every Admin API write. */
    public synchronized void refresh() {
        ConfigSnapshot next = ConfigSnapshot.build(store.loadAll());
        // A slower concurrent refresh must not replace a newer snapshot with an older one.
        current.accumulateAndGet(next, (old, neu) -> neu.version() >= old.version() ? neu : old);
    }

    private void poll() {
        try {
            long version = store.version();
            if (!storeReachable) {
                LOG.log(Level.INFO, "configuration store reachable again");
                storeReachable = true;
            }
            if (version != current.get().version()) {
                refresh();
            }
        } catch (RuntimeException e) {
            if (storeReachable) {
                LOG.log(Level.WARNING, "configuration store unreachable, serving the last configuration (version "
                        + current.get().version() + "): " + e.getMessage());
            }
            storeReachable = false;
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
