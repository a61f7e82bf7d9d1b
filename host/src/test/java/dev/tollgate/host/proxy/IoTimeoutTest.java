package dev.tollgate.host.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The alarms on proxied bodies: a call that outlives its limit fails, whatever it returned; nothing else is disturbed. */
class IoTimeoutTest {
    /** As Helidon's HTTP/2 stream does: waits for the next DATA frame, and answers an interrupt with a clean end of body. */
    private static final class StalledStream extends InputStream {
        private final LinkedBlockingQueue<Integer> frames = new LinkedBlockingQueue<>();

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            try {
                frames.take();
                return 1;
            } catch (InterruptedException e) {
                return -1;
            }
        }
    }

    @Test
    void aReadThatEndsCleanlyAfterItsAlarmStillFails() throws Exception {
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 100; i++) {
                Future<Throwable> read = threads.submit(() -> catchThrowable(() ->
                        IoTimeout.reads(new StalledStream(), Duration.ofMillis(30)).read(new byte[8], 0, 8)));
                assertThat(read.get(5, TimeUnit.SECONDS)).as("attempt %d", i).isInstanceOf(IoTimeout.ReadExpired.class);
            }
        }
    }

    @Test
    void quickCallsNeverFailAndLeaveNoInterruptBehind() throws Exception {
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Boolean> calls = threads.submit(() -> {
                InputStream in = IoTimeout.reads(new ByteArrayInputStream(new byte[1_000_000]), Duration.ofMillis(25));
                OutputStream out = IoTimeout.writes(OutputStream.nullOutputStream(), Duration.ofMillis(25));
                byte[] buf = new byte[10];
                long end = System.nanoTime() + Duration.ofMillis(300).toNanos();
                while (System.nanoTime() < end) {
                    if (in.read(buf, 0, buf.length) < 0) {
                        break;
                    }
                    out.write(buf);
                    out.flush();
                }
                Thread.sleep(100); // an interrupt left behind would end this sleep
                return Thread.currentThread().isInterrupted();
            });
            assertThat(calls.get(5, TimeUnit.SECONDS)).isFalse();
        }
    }

    @Test
    void aWriteThatBlocksPastItsLimitFailsAsATimeout() throws Exception {
        OutputStream blocking = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    throw new IOException("interrupted");
                }
            }
        };
        long start = System.nanoTime();
        Throwable e = catchThrowable(() -> IoTimeout.writes(blocking, Duration.ofMillis(100)).write(1));
        assertThat(e).isInstanceOf(IoTimeout.Expired.class).hasMessageContaining("write_timeout (100 ms)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
