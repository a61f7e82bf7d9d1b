package dev.tollgate.host.usage;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.tollgate.db.StoreException;
import dev.tollgate.db.UsageStore;

/** A database for the recorder's tests: stores rows by id as the real store does, can be down or hang. */
final class FakeUsageSink implements UsageSink {
    final Map<String, UsageRecord> stored = new ConcurrentHashMap<>();
    final List<Integer> batches = new CopyOnWriteArrayList<>();
    volatile boolean down;
    /** While set, writes wait for it (a database that does not answer). */
    volatile CountDownLatch hang;

    @Override
    public void write(List<UsageStore.Row> rows) {
        CountDownLatch h = hang;
        if (h != null) {
            try {
                h.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (down) {
            throw new StoreException.Unavailable("database postgres: Connection refused (test)", null);
        }
        rows.forEach(r -> stored.putIfAbsent(r.id(), (UsageRecord) r.entry()));
        batches.add(rows.size());
    }

    long storedWithRequestPrefix(String prefix) {
        return stored.values().stream().filter(r -> r.requestId().startsWith(prefix)).count();
    }
}
