package dev.tollgate.host.proxy;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Time limits on the blocking I/O of a proxied body, enforced by interrupting the (virtual)
 * thread, which closes the socket it is blocked on:
 * <ul>
 *   <li>a service's {@code write_timeout}: a write to the upstream that does not complete in
 *       time is aborted; this stops an upstream that accepts a connection and never reads;</li>
 *   <li>{@code proxy.client-body-timeout}: a read of the client's body that waits longer is
 *       aborted; this stops a client that starts an upload and stalls, which would otherwise
 *       hold its request and an upstream connection for ever.</li>
 * </ul>
 */
final class IoTimeout {
    private static final ScheduledExecutorService WATCHDOG = watchdog();

    private static ScheduledExecutorService watchdog() {
        var executor = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tollgate-io-timeout");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true); // one alarm per write: cancelled ones must not pile up
        return executor;
    }

    private IoTimeout() {
    }

    /** {@code out}, with each write and flush bounded by {@code timeout}. */
    static OutputStream writes(OutputStream out, Duration timeout) {
        return new Guarded(out, timeout.toNanos());
    }

    /** {@code in}, with each read bounded by {@code timeout}. */
    static InputStream reads(InputStream in, Duration timeout) {
        return new GuardedInput(in, timeout.toNanos());
    }

    /** A read of the client's body timed out: the client stopped sending. */
    static final class ReadExpired extends InterruptedIOException {
        ReadExpired(long nanos) {
            super("the client sent nothing of its body for " + nanos / 1_000_000 + " ms (proxy.client-body-timeout)");
        }
    }

    private static final class GuardedInput extends FilterInputStream {
        private final long nanos;

        GuardedInput(InputStream in, long nanos) {
            super(in);
            this.nanos = nanos;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        /** Closing may read what is left of the body (Helidon consumes it): bounded the same way. */
        @Override
        public void close() throws IOException {
            ScheduledFuture<?> alarm = Guarded.arm(nanos);
            try {
                in.close();
            } catch (IOException | RuntimeException e) {
                if (Guarded.disarm(alarm)) {
                    throw new ReadExpired(nanos);
                }
                throw e;
            }
            if (Guarded.disarm(alarm)) {
                throw new ReadExpired(nanos);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            ScheduledFuture<?> alarm = Guarded.arm(nanos);
            try {
                int n = in.read(b, off, len);
                if (Guarded.disarm(alarm)) {
                    throw new ReadExpired(nanos);
                }
                return n;
            } catch (IOException | RuntimeException e) {
                if (Guarded.disarm(alarm)) {
                    throw new ReadExpired(nanos);
                }
                throw e;
            }
        }
    }

    /** The write timed out: the upstream stopped reading (a socket timeout, so the client gets a 504). */
    static final class Expired extends SocketTimeoutException {
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
            return arm(nanos);
        }

        static ScheduledFuture<?> arm(long nanos) {
            return WATCHDOG.schedule(Thread.currentThread()::interrupt, nanos, TimeUnit.NANOSECONDS);
        }

        /** Cancels the alarm; true when it had already fired (its interrupt is then cleared). */
        static boolean disarm(ScheduledFuture<?> alarm) {
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
