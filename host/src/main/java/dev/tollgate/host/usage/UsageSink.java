package dev.tollgate.host.usage;

import java.util.List;

import dev.tollgate.db.UsageStore;

/** Where the {@link UsageRecorder} writes batches: the {@link UsageStore} (tests pass fakes). */
@FunctionalInterface
public interface UsageSink {
    /** Stores the rows, skipping ids already stored; throws when they could not be stored. */
    void write(List<UsageStore.Row> rows);
}
