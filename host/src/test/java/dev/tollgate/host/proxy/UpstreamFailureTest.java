package dev.tollgate.host.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

import dev.tollgate.host.snapshot.TargetAddress;
import dev.tollgate.upstream.UpstreamConnectException;
import org.junit.jupiter.api.Test;

/** How an upstream failure becomes the client's status, and whether another attempt is allowed. */
class UpstreamFailureTest {
    private static final TargetAddress T = new TargetAddress("127.0.0.1", 9);

    private static UncheckedIOException connectFailed(java.io.IOException cause, boolean timedOut) {
        return new UncheckedIOException(new UpstreamConnectException(cause.getMessage(), cause, timedOut));
    }

    @Test
    void refusedConnectionIs502AndRetryable() {
        var f = UpstreamFailure.of(T, connectFailed(new ConnectException("Connection refused"), false), true);
        assertThat(f.status).isEqualTo(502);
        assertThat(f.retryable).isTrue();
    }

    @Test
    void connectTimeoutIs504AndRetryable() {
        var f = UpstreamFailure.of(T, connectFailed(new SocketTimeoutException("Connect timed out"), true), true);
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
    void aReadTimeoutIsNotTakenForAConnectFailureWhateverTheHostIsCalled() {
        // The message names the upstream; a host called connector.internal once made this a "connect timeout".
        var e = new UncheckedIOException("http://connector.internal:80: Read timed out",
                new SocketTimeoutException("Read timed out"));
        var f = UpstreamFailure.of(new TargetAddress("connector.internal", 80), e, true);
        assertThat(f.status).isEqualTo(504);
        assertThat(f.retryable).isFalse();
    }

    @Test
    void aStreamedBodyIsNeverSentTwice() {
        var f = UpstreamFailure.of(T, connectFailed(new ConnectException("refused"), false), false);
        assertThat(f.retryable).isFalse();
    }
}
