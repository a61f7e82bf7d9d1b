package dev.tollgate.scripts;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.graalvm.polyglot.Context;

/**
 * One run's claim on a context (a phase call, or a module's top-level code), raced by the
 * watchdog: whoever moves it first decides. When the time is up the watchdog only starts a
 * stopper thread and goes back to its other timers, so a script that will not stop can never
 * hold up the limits of other scripts.
 *
 * <p>Time the script spends waiting on the gateway — reading a slow client's body through
 * {@code ctx.request.body()} — is not the script's: the limit is moved on by it, and a run is
 * never interrupted while it waits (an interrupt there would close the client's connection).
 *
 * <p>The stopper interrupts the context and waits a grace period for the run to leave it. A
 * run still inside after that defeats interruption (a recursion that catches its own stack
 * overflow does: GraalVM CE turns the interrupt into a catchable RangeError there), and no
 * means in-process can stop it: the context is reported lost, so the pool never lends it again,
 * and is cancelled on the stopper's own thread, which may wait on it for ever.
 */
final class CallLease {
    static final long GRACE_MS = 1_000;
    /** The run in progress on this thread, for views that wait on the gateway. */
    static final ScopedValue<CallLease> CURRENT = ScopedValue.newInstance();

    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int EXPIRED = 2;

    private final Context context;
    private final String scriptName;
    private final Consumer<String> onLost;
    private final ScheduledExecutorService watchdog;
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile ScheduledFuture<?> timer;
    private volatile long waitingSince; // 0 when not waiting on the gateway
    private final AtomicLong waited = new AtomicLong();

    /** {@code onLost} gets a description of the run that could not be stopped. */
    CallLease(Context context, String scriptName, Consumer<String> onLost, ScheduledExecutorService watchdog) {
        this.context = context;
        this.scriptName = scriptName;
        this.onLost = onLost;
        this.watchdog = watchdog;
    }

    /** Starts the clock: the run is stopped once it has used {@code limit}. */
    void arm(Duration limit) {
        timer = watchdog.schedule(this::due, limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Runs {@code hostCall} (which may block on the client) off the script's clock. Called on
     * the run's own thread, from a view.
     */
    static <T> T offTheClock(Supplier<T> hostCall) {
        if (!CURRENT.isBound()) {
            return hostCall.get();
        }
        CallLease lease = CURRENT.get();
        long start = System.nanoTime();
        lease.waitingSince = start;
        try {
            return hostCall.get();
        } finally {
            lease.waitingSince = 0;
            lease.waited.addAndGet(System.nanoTime() - start);
        }
    }

    /** On the watchdog's thread: never blocks. Time spent waiting on the gateway moves the limit on. */
    private void due() {
        if (state.get() != RUNNING) {
            return;
        }
        long credit = waited.getAndSet(0);
        if (waitingSince != 0 || credit > 0) {
            timer = watchdog.schedule(this::due, Math.max(credit, TimeUnit.MILLISECONDS.toNanos(10)), TimeUnit.NANOSECONDS);
            return;
        }
        if (state.compareAndSet(RUNNING, EXPIRED)) {
            Thread.ofPlatform().daemon().name("tollgate-js-stop-" + scriptName).start(this::stop);
        }
    }

    private void stop() {
        try {
            context.interrupt(Duration.ofMillis(GRACE_MS));
            stopped.countDown();
        } catch (TimeoutException | RuntimeException e) {
            stopped.countDown();
            onLost.accept("did not stop within " + GRACE_MS + " ms of being interrupted");
            ContextPool.closeQuietly(context); // cancels; may wait on the runaway for ever, on this thread only
        }
    }

    /** The run ended; false when the watchdog got there first. */
    boolean finish() {
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
        return state.compareAndSet(RUNNING, DONE);
    }

    /** After {@link #finish()} lost the race: waits (bounded) until the stopper is done with the context. */
    void awaitStopper() {
        try {
            stopped.await(GRACE_MS * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
