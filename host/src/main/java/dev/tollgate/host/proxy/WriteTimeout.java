package dev.tollgate.host.proxy;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A service's {@code write_timeout}: a write to the upstream that does not complete in time is
 * aborted by interrupting the writing (virtual) thread, which closes its socket. This is what
 * stops an upstream that accepts a connection and then never reads the body.
 */
final class WriteTimeout {
    private static final ScheduledExecutorService WATCHDOG = watchdog();

    private static ScheduledExecutorService watchdog() {
        var executor = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tollgate-write-timeout");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true); // one alarm per write: cancelled ones must not pile up
        return executor;
    }

    private WriteTimeout() {
    }

    /** {@code out}, with each write and flush bounded by {@code timeout}. */
    static OutputStream guard(OutputStream out, Duration timeout) {
        return new Guarded(out, timeout.toNanos());
    }

    /** The write timed out: the upstream stopped reading. */
    static final class Expired extends InterruptedIOException {
        Expired(long nanos) {
            super("upstream did not accept the request body within write_timeout (" + nanos / 1_000_000 + " ms)");
        }
    }

    private static final class Guarded extends FilterOutputStream {
        private final long nanos;

        Guarded(OutputStream out, long nanos) {
            super(out);
            this.nanos = nanos;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ScheduledFuture<?> alarm = arm();
            try {
                out.write(b, off, len);
            } catch (IOException | RuntimeException e) {
                if (disarm(alarm)) {
                    throw new Expired(nanos);
                }
                throw e;
            }
            disarm(alarm);
        }

        @Override
        public void flush() throws IOException {
            ScheduledFuture<?> alarm = arm();
            try {
                out.flush();
            } catch (IOException | RuntimeException e) {
                if (disarm(alarm)) {
                    throw new Expired(nanos);
                }
                throw e;
            }
            disarm(alarm);
        }

        private ScheduledFuture<?> arm() {
            return WATCHDOG.schedule(Thread.currentThread()::interrupt, nanos, TimeUnit.NANOSECONDS);
        }

        /** Cancels the alarm; true when it had already fired (its interrupt is then cleared). */
        private static boolean disarm(ScheduledFuture<?> alarm) {
            if (alarm.cancel(false)) {
                return false;
            }
            while (!alarm.isDone()) {
                Thread.onSpinWait();
            }
            Thread.interrupted(); // do not leave the flag set to break the answer to the client
            return true;
        }
    }
}
