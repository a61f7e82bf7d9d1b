package dev.tollgate.host.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

import dev.tollgate.host.snapshot.TargetAddress;
import org.junit.jupiter.api.Test;

/** How an upstream failure becomes the client's status, and whether another attempt is allowed. */
class UpstreamFailureTest {
    private static final TargetAddress T = new TargetAddress("127.0.0.1", 9);

    @Test
    void refusedConnectionIs502AndRetryable() {
        var f = UpstreamFailure.of(T, new UncheckedIOException(new ConnectException("Connection refused")), true);
        assertThat(f.status).isEqualTo(502);
        assertThat(f.retryable).isTrue();
    }

    @Test
    void connectTimeoutIs504AndRetryable() {
        var f = UpstreamFailure.of(T, new UncheckedIOException(new SocketTimeoutException("Connect timed out")), true);
        assertThat(f.status).isEqualTo(504);
        assertThat(f.retryable).isTrue();
    }

    @Test
    void readTimeoutIs504AndNotRetried() {
        var f = UpstreamFailure.of(T, new UncheckedIOException(new SocketTimeoutException("Read timed out")), true);
        assertThat(f.status).isEqualTo(504);
        assertThat(f.retryable).isFalse();
    }

    @Test
    void aStreamedBodyIsNeverSentTwice() {
        var f = UpstreamFailure.of(T, new UncheckedIOException(new ConnectException("refused")), false);
        assertThat(f.retryable).isFalse();
    }
}
