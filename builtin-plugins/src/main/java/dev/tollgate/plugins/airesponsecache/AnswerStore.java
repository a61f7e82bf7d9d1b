package dev.tollgate.plugins.airesponsecache;

import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import dev.tollgate.sdk.KeyValueCache;
import dev.tollgate.sdk.KeyValueCache.CacheUnavailableException;

/**
 * The cache as one request uses it, fault tolerant: while the store cannot be reached (Redis
 * down) requests go to the provider without it. The outage is logged once when it starts and
 * once when it ends, and for {@link #RETRY_AFTER} after a failure the store is not even tried,
 * so a Redis that times out does not add its timeout to every request.
 */
final class AnswerStore {
    static final String UNAVAILABLE = "cache unavailable, answering without it until it is back: ";
    static final String BACK = "cache reachable again";
    static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    /** A lookup's outcome: {@code reachable} false when the store could not be asked. */
    record Lookup(boolean reachable, Optional<CachedAnswer> answer) {
        static final Lookup UNREACHABLE = new Lookup(false, Optional.empty());
    }

    /**
     * One plugin instance's view of outages, shared by its requests: 0 while the store is up,
     * else the time before which it is not tried again.
     */
    static final class Outage {
        private final AtomicLong retryAt = new AtomicLong();
    }

    private final KeyValueCache cache;
    private final Outage outage;
    private final Clock clock;
    private final System.Logger log;
    private final Duration ttl;

    AnswerStore(KeyValueCache cache, Outage outage, Clock clock, System.Logger log, Duration ttl) {
        this.cache = cache;
        this.outage = outage;
        this.clock = clock;
        this.log = log;
        this.ttl = ttl;
    }

    Lookup get(String key) {
        if (skipping()) {
            return Lookup.UNREACHABLE;
        }
        try {
            Optional<byte[]> value = cache.get(key);
            reachable();
            // A value this version cannot read is a miss; the fresh answer replaces it.
            return new Lookup(true, value.flatMap(CachedAnswer::decode));
        } catch (CacheUnavailableException e) {
            failed(e);
            return Lookup.UNREACHABLE;
        }
    }

    void put(String key, CachedAnswer answer) {
        if (skipping()) {
            return;
        }
        byte[] value;
        try {
            value = answer.encode();
        } catch (UncheckedIOException e) {
            return; // a header over 64 KiB: not worth caching
        }
        try {
            cache.put(key, value, ttl);
            reachable();
        } catch (CacheUnavailableException e) {
            failed(e);
        }
    }

    /** The gateway's clock: answers' ages and storage times. */
    Clock clock() {
        return clock;
    }

    private boolean skipping() {
        long at = outage.retryAt.get();
        return at != 0 && clock.millis() < at;
    }

    private void failed(CacheUnavailableException e) {
        long previous = outage.retryAt.getAndSet(clock.millis() + RETRY_AFTER.toMillis());
        if (previous == 0) {
            log.log(Level.WARNING, UNAVAILABLE + e.getMessage());
        }
    }

    private void reachable() {
        if (outage.retryAt.get() != 0 && outage.retryAt.getAndSet(0) != 0) {
            log.log(Level.INFO, BACK);
        }
    }
}
