package dev.tollgate.host.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The last minute of /status moves with time, not with reads. */
class RequestStatsTest {
    @Test
    void theLastMinuteForgetsWhatCameBeforeItWhileSinceStartKeepsIt() {
        try (RequestStats stats = new RequestStats()) {
            for (int i = 1; i <= 100; i++) {
                stats.started();
                stats.finished(i * 1_000_000L, null, 200); // 1..100 ms
            }
            stats.tick();
            RequestStats.Percentiles now = stats.percentiles();
            assertThat(now.lastMinute().count()).isEqualTo(100);
            assertThat(now.sinceStart().count()).isEqualTo(100);
            assertThat(now.sinceStart().p50()).isBetween(49.9, 50.1);
            assertThat(now.sinceStart().max()).isBetween(99.9, 100.1);
            for (int second = 0; second < 61; second++) { // a minute passes without a read
                stats.tick();
            }
            RequestStats.Percentiles later = stats.percentiles();
            assertThat(later.lastMinute().count()).isZero();
            assertThat(later.sinceStart().count()).isEqualTo(100);
            assertThat(stats.total()).isEqualTo(100);
            assertThat(stats.inFlight()).isZero();
        }
    }
}
