package dev.tollgate.host.snapshot;

import static java.util.Objects.requireNonNull;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.tollgate.db.ConfigData;
import dev.tollgate.db.ConfigStore;
import dev.tollgate.db.StoreException;
import dev.tollgate.host.plugins.PluginIndex;
import dev.tollgate.host.plugins.PluginRegistry;
import dev.tollgate.host.plugins.SharedServices;

/**
 * Holds the current snapshot and rebuilds it when the store's version moves: at once after
 * a write through this node's Admin API, and by polling for writes made on other nodes. When
 * the database is unreachable the last snapshot keeps serving; every snapshot is also saved
 * to a local file, which a node started while its database is down serves from.
 */
public final class SnapshotSource implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SnapshotSource.class.getName());

    /** Long enough for requests that started on a replaced plugin instance, LLM streams included, to finish. */
    private static final long CLOSE_DELAY_SECONDS = 600;

    private final ConfigStore store;
    private final SnapshotFile file;
    private final java.util.function.Function<ConfigData, PluginRegistry> registry;
    private final SharedServices services;
    private final AtomicReference<ConfigSnapshot> current = new AtomicReference<>(ConfigSnapshot.empty());

    private long savedVersion = -1;
    private final ScheduledExecutorService poller;
    private volatile boolean storeReachable = true;

    private SnapshotSource(ConfigStore store, SnapshotFile file, java.util.function.Function<ConfigData, PluginRegistry> registry,
                           SharedServices services,
                           Duration pollInterval) {
        this.store = store;
        this.file = file;
        this.registry = registry;
        this.services = services;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tollgate-config-poll");
            t.setDaemon(true);
            return t;
        });
        try {
            refresh();
        } catch (StoreException.Unavailable e) {
            startFromFile(e);
        }
        long ms = pollInterval.toMillis();
        poller.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * Loads the configuration now and polls after that. If the store cannot be reached, the
     * configuration saved in {@code file} is served until it can; with no saved copy either,
     * the start fails.
     */
    /**
     * {@code registry} gives the plugins a configuration can use: the node's own plus the
     * scripts stored in that configuration.
     */
    public static SnapshotSource start(ConfigStore store, SnapshotFile file, java.util.function.Function<ConfigData, PluginRegistry> registry,
                                       SharedServices services, Duration pollInterval) {
        requireNonNull(store, "store");
        requireNonNull(file, "file");
        return new SnapshotSource(store, file, registry, services, pollInterval);
    }

    private void startFromFile(StoreException.Unavailable cause) {
        ConfigData saved;
        try {
            saved = file.read().orElseThrow(() -> cause);
        } catch (java.io.IOException e) {
            throw new StoreException.Unavailable(cause.getMessage() + "; the saved configuration " + file.path()
                    + " cannot be read either: " + e.getMessage(), e);
        }
        swap(ConfigSnapshot.build(saved, registry.apply(saved), services, current.get().plugins()));
        savedVersion = saved.version();
        storeReachable = false;
        LOG.log(Level.WARNING, cause.getMessage() + "; serving the configuration saved in " + file.path()
                + " (version " + saved.version() + ") until the database is back");
    }

    public ConfigSnapshot current() {
        return current.get();
    }

    public boolean storeReachable() {
        return storeReachable;
    }

    /** Rebuilds from the store now. Called after every Admin API write. */
    public synchronized void refresh() {
        ConfigData data = store.loadAll();
        // Refreshes are serialized (synchronized) and each reads the store inside, so the last one
        // always holds what the store holds now, even a store restored to an older version.
        swap(ConfigSnapshot.build(data, registry.apply(data), services, current.get().plugins()));
        if (data.version() != savedVersion) {
            try {
                file.write(data);
                savedVersion = data.version();
            } catch (java.io.IOException e) {
                LOG.log(Level.WARNING, "cannot save the configuration to " + file.path() + ": " + e.getMessage());
            }
        }
    }

    /** The set of installed plugins changed: rebuild from the configuration already held, no database needed. */
    public synchronized void pluginsChanged() {
        ConfigSnapshot now = current.get();
        swap(ConfigSnapshot.build(now.data(), registry.apply(now.data()), services, now.plugins()));
    }

    /** Publishes {@code next}; plugin instances it no longer uses are closed once requests in flight are done. */
    private void swap(ConfigSnapshot next) {
        ConfigSnapshot old = current.getAndSet(next);
        var dropped = old.plugins().droppedBy(next.plugins());
        if (!dropped.isEmpty()) {
            poller.schedule(() -> closeAll(dropped), CLOSE_DELAY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static void closeAll(java.util.Collection<PluginIndex.Instance> instances) {
        for (PluginIndex.Instance i : instances) {
            try {
                i.plugin().close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "plugin " + i.name() + " failed to close: " + e.getMessage());
            }
        }
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

    /** Stops polling and closes every plugin instance. */
    @Override
    public void close() {
        poller.shutdownNow();
        closeAll(current.get().plugins().instances());
    }
}
