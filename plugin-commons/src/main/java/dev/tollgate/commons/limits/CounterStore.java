package dev.tollgate.commons.limits;

import java.lang.System.Logger.Level;
import java.util.Optional;

import dev.tollgate.sdk.Counters;
import dev.tollgate.sdk.Counters.CounterUnavailableException;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.RedisSettings;

/** Where a limit plugin keeps its counters: this node's memory, or a Redis that every node shares. */
public enum CounterStore {
    LOCAL,
    REDIS;

    public static final String UNAVAILABLE_LET_THROUGH = "counters unavailable, request let through without a limit: ";
    public static final String UNAVAILABLE_REFUSED = "counters unavailable, request refused (fault_tolerant=false): ";

    /** The counters of the request's plugin instance; {@code redis} is set when this is {@link #REDIS}. */
    public Counters counters(PluginContext ctx, Optional<RedisSettings> redis) {
        return this == REDIS ? ctx.services().redisCounters(redis.orElseThrow()) : ctx.services().localCounters();
    }

    /**
     * What a request meets when the counters cannot be reached: with {@code faultTolerant} it
     * passes (a warning is logged), otherwise it gets a 500 with {@code errorBody}.
     *
     * @return true when the request was refused
     */
    public static boolean outage(PluginContext ctx, boolean faultTolerant, CounterUnavailableException e, Object errorBody) {
        if (faultTolerant) {
            ctx.log().log(Level.WARNING, UNAVAILABLE_LET_THROUGH + e.getMessage());
            return false;
        }
        ctx.log().log(Level.ERROR, UNAVAILABLE_REFUSED + e.getMessage());
        ctx.response().exit(500, errorBody);
        return true;
    }
}
