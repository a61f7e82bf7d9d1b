package dev.tollgate.host.proxy;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Time limits on the blocking I/O of a proxied body, enforced by interrupting the (virtual)
 * thread blocked in it, which closes the socket.
 * <ul>
 *   <li>a service's {@code write_timeout}: a write to the upstream that does not complete in
 *       time is aborted; this stops an upstream that accepts a connection and never reads;</li>
 *   <li>{@code proxy.client-body-timeout}: a read of the client's body that waits longer is
 *       aborted; this stops a client that starts an upload and stalls, which would otherwise
 *       hold its request and an upstream connection for ever.</li>
 * </ul>
 * A call that ends after its alarm fired always fails, whatever it returned: a stream that answers
 * an interrupted read with a clean end of the body (Helidon's HTTP/2 does) must never pass it off
 * as the whole body.
 * One sweeper thread checks the armed alarms every {@value #TICK_MS} ms, so arming costs two
 * set operations instead of a scheduled task and a wake-up per read or write.
 */
final class IoTimeout {
    private static final long TICK_MS = 20;
    private static final Set<Alarm> ARMED = ConcurrentHashMap.newKeySet();

    static {
        Thread.ofPlatform().daemon().name("tollgate-io-timeout").start(IoTimeout::sweep);
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

    private static void sweep() {
        while (true) {
            try {
                Thread.sleep(TICK_MS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Alarm a : ARMED) {
                a.fireIfDue(now);
            }
        }
    }

    /**
     * The alarm of one blocking call. States: idle, armed (a thread is in the call), firing (the
     * sweeper is interrupting it), fired. Only the thread that armed it disarms it.
     */
    static final class Alarm {
        private static final int IDLE = 0;
        private static final int ON = 1;
        private static final int FIRING = 2;
        private static final int FIRED = 3;

        private final long nanos;
        private final AtomicInteger state = new AtomicInteger(IDLE);
        private volatile Thread thread;
        private volatile long deadline;

        Alarm(long nanos) {
            this.nanos = nanos;
        }

        void arm() {
            thread = Thread.currentThread();
            deadline = System.nanoTime() + nanos;
            state.set(ON);
            ARMED.add(this);
        }

        /** Ends the call's watch; true when the alarm fired (the thread's interrupt is then cleared). */
        boolean disarm() {
            ARMED.remove(this);
            if (state.compareAndSet(ON, IDLE)) {
                return false;
            }
            while (state.get() == FIRING) {
                Thread.onSpinWait(); // the interrupt is on its way: wait for it, then clear it
            }
            state.set(IDLE);
            Thread.interrupted(); // do not leave the flag set to break the answer to the client
            return true;
        }

        void fireIfDue(long now) {
            if (now - deadline >= 0 && state.compareAndSet(ON, FIRING)) {
                try {
                    thread.interrupt();
                } finally {
                    state.set(FIRED);
                }
            }
        }
    }

    /** A read of the client's body timed out: the client stopped sending. */
    static final class ReadExpired extends InterruptedIOException {
        ReadExpired(long nanos) {
            super("the client sent nothing of its body for " + nanos / 1_000_000 + " ms (proxy.client-body-timeout)");
        }
    }

    private static final class GuardedInput extends FilterInputStream {
        private final long nanos;
        private final Alarm alarm;

        GuardedInput(InputStream in, long nanos) {
            super(in);
            this.nanos = nanos;
            this.alarm = new Alarm(nanos);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        /** Closing may read what is left of the body (Helidon consumes it): bounded the same way. */
        @Override
        public void close() throws IOException {
            alarm.arm();
            try {
                in.close();
            } catch (IOException | RuntimeException e) {
                if (alarm.disarm()) {
                    throw new ReadExpired(nanos);
                }
                throw e;
            }
            if (alarm.disarm()) {
                throw new ReadExpired(nanos);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            alarm.arm();
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                if (alarm.disarm()) {
                    throw new ReadExpired(nanos);
                }
                throw e;
            }
            if (alarm.disarm()) {
                throw new ReadExpired(nanos);
            }
            return n;
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
        private final Alarm alarm;

        Guarded(OutputStream out, long nanos) {
            super(out);
            this.nanos = nanos;
            this.alarm = new Alarm(nanos);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            alarm.arm();
            try {
                out.write(b, off, len);
            } catch (IOException | RuntimeException e) {
                if (alarm.disarm()) {
                    throw new Expired(nanos);
                }
                throw e;
            }
            if (alarm.disarm()) {
                throw new Expired(nanos);
            }
        }

        @Override
        public void flush() throws IOException {
            alarm.arm();
            try {
                out.flush();
            } catch (IOException | RuntimeException e) {
                if (alarm.disarm()) {
                    throw new Expired(nanos);
                }
                throw e;
            }
            if (alarm.disarm()) {
                throw new Expired(nanos);
            }
        }
    }
}
