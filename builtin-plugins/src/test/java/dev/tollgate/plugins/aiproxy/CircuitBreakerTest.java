package dev.tollgate.plugins.aiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import dev.tollgate.commons.support.MutableClock;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), clock);

    @Test
    void opensAfterConsecutiveFailuresOnly() {
        breaker.onFailure();
        breaker.onFailure();
        breaker.onSuccess(); // the count starts again
        breaker.onFailure();
        breaker.onFailure();
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
    }

    @Test
    void halfOpenLetsOneTrialThroughAndItsOutcomeDecides() {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure();
        }
        clock.advance(Duration.ofSeconds(30));
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).isFalse(); // one trial at a time

        breaker.onFailure(); // the trial failed: open for another cool-down
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        clock.advance(Duration.ofSeconds(29));
        assertThat(breaker.tryAcquire()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void zeroFailuresMeansNeverOpen() {
        CircuitBreaker off = new CircuitBreaker(0, Duration.ofSeconds(1), clock);
        for (int i = 0; i < 100; i++) {
            off.onFailure();
        }
        assertThat(off.tryAcquire()).isTrue();
    }
}
