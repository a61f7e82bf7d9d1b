package dev.tollgate.db;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jdbi.v3.core.Handle;

/**
 * {@code usage_day_sums}: usage summed per finished UTC day, per model, provider, consumer and
 * route, computed from usage_records the first time a day is asked for and dropped when a record
 * for that day arrives later. A day is summed in two steps, so that a late record can never be
 * left out: first its {@code usage_day_done} row is written as not ready (committed), then the
 * sums and the row turned ready in one transaction, which is given up when a writer deleted the
 * row meanwhile. A writer deletes the row, then the sums.
 */
final class UsageDaySums {
    static final long DAY_MS = 86_400_000L;
    /** The dimensions kept, by the grouping they answer; "" is each day's total (also group_by=day). */
    static final Map<UsageGrouping, String> DIMENSIONS = Map.of(UsageGrouping.MODEL, "model", UsageGrouping.PROVIDER, "provider",
            UsageGrouping.CONSUMER, "consumer_id", UsageGrouping.ROUTE, "route_id");

    private final ConfigStore store;

    UsageDaySums(ConfigStore store) {
        this.store = store;
    }

    /** A claim older than this is a reader that died while summing: the day is claimed again. */
    private static final long STALE_CLAIM_MS = 300_000L;

    /** One day is summed at a time on a node: other readers wait for it rather than summing the same days. */
    private final java.util.concurrent.locks.ReentrantLock summing = new java.util.concurrent.locks.ReentrantLock();

    /**
     * Sums the days in [fromDay, toDay) not summed yet (a day another node is summing right now
     * is left to it: readers then read its records).
     */
    void ensure(long fromDay, long toDay) {
        Set<Long> ready = store.call(h -> readyDays(h, fromDay, toDay));
        if (ready.size() == toDay - fromDay) {
            return;
        }
        try {
            if (!summing.tryLock(30, java.util.concurrent.TimeUnit.SECONDS)) {
                return; // the records of the days not summed are read instead
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            Set<Long> now = store.call(h -> readyDays(h, fromDay, toDay)); // the reader before may have summed them
            for (long day = fromDay; day < toDay; day++) {
                if (!now.contains(day)) {
                    sum(day);
                }
            }
        } finally {
            summing.unlock();
        }
    }

    static Set<Long> readyDays(Handle h, long fromDay, long toDay) {
        return new HashSet<>(h.createQuery("SELECT at_day FROM usage_day_done WHERE ready = TRUE AND at_day >= :a AND at_day < :b")
                .bind("a", fromDay).bind("b", toDay).mapTo(Long.class).list());
    }

    private void sum(long day) {
        long now = System.currentTimeMillis();
        try {
            store.call(h -> h.createUpdate("DELETE FROM usage_day_done WHERE at_day = :d AND ready = FALSE AND claimed_at < :stale")
                    .bind("d", day).bind("stale", now - STALE_CLAIM_MS).execute());
            store.call(h -> h.createUpdate("INSERT INTO usage_day_done (at_day, ready, claimed_at) VALUES (:d, FALSE, :now)")
                    .bind("d", day).bind("now", now).execute());
        } catch (StoreException.Duplicate e) {
            return; // another node is summing it
        }
        try {
            store.call(h -> h.inTransaction(tx -> {
            tx.createUpdate("DELETE FROM usage_day_sums WHERE at_day = :d").bind("d", day).execute();
            for (Map.Entry<UsageGrouping, String> e : DIMENSIONS.entrySet()) {
                insert(tx, day, e.getKey().key(), e.getValue());
            }
            insert(tx, day, "", null);
            int marked = tx.createUpdate("UPDATE usage_day_done SET ready = TRUE WHERE at_day = :d AND ready = FALSE")
                    .bind("d", day).execute();
            if (marked == 0) {
                throw new Overtaken(); // a record for the day came in meanwhile: the next read sums it again
            }
            return null;
        }));
        } catch (Overtaken e) {
            // left unsummed
        }
    }

    private static final class Overtaken extends RuntimeException {
        Overtaken() {
            super(null, null, false, false);
        }
    }

    private static void insert(Handle tx, long day, String dimension, String column) {
        String key = column == null ? "NULL" : column;
        tx.createUpdate("INSERT INTO usage_day_sums (at_day, dimension, group_key, any_name, requests, s_prompt, s_completion, s_total,"
                        + " s_cached, s_reasoning, s_cost, min_currency, max_currency, unpriced)"
                        + " SELECT :d, :dim, " + key + ", MAX(consumer_name), " + UsageTotals.SQL
                        + " FROM usage_records WHERE recorded_at >= :from AND recorded_at < :to"
                        + (column == null ? "" : " GROUP BY " + column))
                .bind("d", day).bind("dim", dimension).bind("from", day * DAY_MS).bind("to", (day + 1) * DAY_MS).execute();
    }

    /**
     * The sums of a dimension over the days {@code ready} (summed, as the same snapshot says), added
     * up per key by the database (per day for the totals, dimension "", whose keys are the day numbers).
     */
    static List<UsageTotals> read(Handle h, String dimension, Set<Long> ready) {
        if (ready.isEmpty()) {
            return List.of();
        }
        boolean days = dimension.isEmpty();
        String key = days ? "at_day" : "group_key";
        long from = java.util.Collections.min(ready);
        long to = java.util.Collections.max(ready) + 1;
        boolean whole = ready.size() == to - from; // usually every day of the range: no list needed
        var q = h.createQuery("SELECT " + key + " AS k, MAX(any_name) AS any_name, SUM(requests) AS requests,"
                        + " SUM(s_prompt) AS s_prompt, SUM(s_completion) AS s_completion, SUM(s_total) AS s_total,"
                        + " SUM(s_cached) AS s_cached, SUM(s_reasoning) AS s_reasoning, SUM(s_cost) AS s_cost,"
                        + " MIN(min_currency) AS min_currency, MAX(max_currency) AS max_currency, SUM(unpriced) AS unpriced"
                        + " FROM usage_day_sums WHERE dimension = :dim AND at_day >= :a AND at_day < :b"
                        + (whole ? "" : " AND at_day IN (<days>)") + " GROUP BY " + key)
                .bind("dim", dimension).bind("a", from).bind("b", to);
        if (!whole) {
            q.bindList("days", new ArrayList<>(ready));
        }
        return q.map((rs, ctx) -> UsageTotals.read(rs, days ? String.valueOf(rs.getLong("k")) : rs.getString("k"), rs.getString("any_name")))
                .list();
    }

    /** In a writer's transaction: records arrived for these days, so their sums are dropped (today's never exist). */
    static void invalidate(Handle tx, Collection<Long> days) {
        if (days.isEmpty()) {
            return;
        }
        List<Long> list = new ArrayList<>(days);
        tx.createUpdate("DELETE FROM usage_day_done WHERE at_day IN (<days>)").bindList("days", list).execute();
        tx.createUpdate("DELETE FROM usage_day_sums WHERE at_day IN (<days>)").bindList("days", list).execute();
    }
}
