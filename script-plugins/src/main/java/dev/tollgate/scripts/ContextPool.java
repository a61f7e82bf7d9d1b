package dev.tollgate.scripts;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * A fixed number of sandboxed contexts for one script, each with the module evaluated once and
 * its functions looked up once. A call borrows a context, runs under a watchdog, and gives it
 * back; a context that was interrupted or cancelled is closed and a new one is made on demand.
 * A module's top-level code runs under the same watchdog when a context is made. A run that
 * cannot be stopped at all loses its context for good and disables the script until it is
 * reloaded (see {@link CallLease}).
 * Never a context per request: a virtual thread per request would make a ThreadLocal one too.
 */
final class ContextPool implements AutoCloseable {
    /** Every context of an engine must use an equal HostAccess; scripts see only our proxies, never host objects. */
    private static final HostAccess HOST_ACCESS = HostAccess.CONSTRAINED;
    private static final long POLL_MS = 50;
    /**
     * Host bridges and loaders a script has no use for: host access and file IO are denied, so
     * their calls fail anyway, but undefined is clearer (and what the docs promise).
     */
    private static final Source HIDE_HOST_GLOBALS = Source.newBuilder("js",
            "for (const g of ['Java', 'Packages', 'java', 'javax', 'com', 'org', 'edu', 'javafx', 'Polyglot',"
                    + " 'load', 'loadWithNewGlobal']) { delete globalThis[g]; }", "tollgate-prelude.js").cached(true).buildLiteral();

    private final ScriptEngine engine;
    private final Source source;
    private final String scriptName;
    private final ScriptLimits limits;
    private final List<String> functionNames;
    private final ResourceLimits resourceLimits;
    private final BlockingQueue<Slot> idle;
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicInteger peakLive = new AtomicInteger();
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger lost = new AtomicInteger();
    /** Why calls are refused, once a run could not be stopped; null while the script may run. */
    private volatile String disabled;
    /** Set when a call is stopped, cleared when one succeeds: while set, cold contexts get no extra time. */
    private volatile boolean stoppedSinceSuccess;
    private volatile boolean closed;

    /**
     * A context and what it evaluated; {@code warm} once a phase function has run in it. Only the
     * thread that borrowed the slot touches it (the idle queue hands it over).
     */
    static final class Slot {
        private final Context context;
        private final Value exports;
        private final Map<String, Value> functions;
        private boolean warm;

        Slot(Context context, Value exports, Map<String, Value> functions) {
            this.context = context;
            this.exports = exports;
            this.functions = functions;
        }

        Context context() {
            return context;
        }

        Value exports() {
            return exports;
        }
    }

    /**
     * Creates the first context now, so a script that does not compile or throws at load fails
     * here ({@link PolyglotException#isSyntaxError()}) and not on a request.
     */
    ContextPool(ScriptEngine engine, Source source, String scriptName, ScriptLimits limits, List<String> functionNames) {
        this.engine = requireNonNull(engine, "engine");
        this.source = requireNonNull(source, "source");
        this.scriptName = requireNonNull(scriptName, "scriptName");
        this.limits = requireNonNull(limits, "limits");
        this.functionNames = List.copyOf(functionNames);
        this.resourceLimits = limits.statementLimit() == 0 ? null
                : ResourceLimits.newBuilder().statementLimit(limits.statementLimit(), null).build();
        this.idle = new ArrayBlockingQueue<>(limits.poolSize());
        live.incrementAndGet();
        peakLive.set(1);
        idle.add(newSlot(limits.coldCallTimeLimit()));
    }

    /**
     * Calls an exported function; {@code result} reads its return value while the context is still
     * held. The first call in a context may take the cold-call limit (see {@link ScriptLimits}).
     */
    <R> R call(String function, Function<Value, R> result, Object... args) {
        return run(slot -> {
            Value fn = slot.functions.get(function);
            if (fn == null) {
                throw new IllegalStateException(scriptName + ": no function " + function);
            }
            try {
                R r = result.apply(fn.execute(args));
                stoppedSinceSuccess = false;
                return r;
            } finally {
                slot.warm = true; // ran to its end or its own error: its code is compiled either way
            }
        }, true);
    }

    /** Runs {@code action} on a borrowed context under the time limit. */
    <R> R withContext(Function<Slot, R> action) {
        return run(action, false);
    }

    private <R> R run(Function<Slot, R> action, boolean phaseCall) {
        String why = disabled;
        if (why != null) {
            throw new ScriptFailedException(scriptName + ": disabled: " + why, null);
        }
        Slot slot = borrow();
        CallLease lease = new CallLease(slot.context(), scriptName, this::lost, engine.watchdog());
        Duration limit = phaseCall && !slot.warm && !stoppedSinceSuccess
                ? limits.coldCallTimeLimit() : limits.timeLimit();
        lease.arm(limit);
        boolean broken = false;
        try {
            if (resourceLimits != null) {
                slot.context().resetLimits(); // the statement limit counts per call, not per context lifetime
            }
            return ScopedValue.where(CallLease.CURRENT, lease).call(() -> action.apply(slot));
        } catch (PolyglotException e) {
            if (stoppedByLimit(e)) {
                broken = true;
                stoppedSinceSuccess = true;
                throw new ScriptFailedException(scriptName + ": stopped after " + stoppedAt(e, limit) + " ("
                        + (e.isResourceExhausted() ? "statement limit" : "time limit")
                        + (limit.equals(limits.timeLimit()) ? "" : ", first call in a new context") + ")", e);
            }
            if (e.isHostException() && e.asHostException() instanceof RuntimeException host) {
                throw host; // WrongPhaseException, RequestBodyTooLargeException, ... keep their meaning
            }
            throw new ScriptFailedException(scriptName + ": " + ScriptErrors.describe(e), e);
        } catch (IllegalStateException e) {
            broken = true; // polyglot says the context is closed or unusable
            throw new ScriptFailedException(scriptName + ": " + e.getMessage(), e);
        } finally {
            if (!lease.finish()) {
                broken = true; // the watchdog fired as the call ended: do not lend a context it may still interrupt
                lease.awaitStopper();
            }
            release(slot, broken);
        }
    }

    /** What stopped a call: its time limit in ms, or the statement limit's count (which a fast machine can reach first). */
    private String stoppedAt(PolyglotException e, java.time.Duration limit) {
        return e.isResourceExhausted() ? limits.statementLimit() + " statements" : limit.toMillis() + " ms";
    }

    private static boolean stoppedByLimit(PolyglotException e) {
        return e.isInterrupted() || e.isCancelled() || e.isResourceExhausted();
    }

    /** A run defeated its interruption: its context is gone for good, and so is the script until reloaded. */
    private void lost(String what) {
        lost.incrementAndGet();
        disabled = "a call " + what + " (reload the script to enable it again)";
        engine.logger().log(System.Logger.Level.ERROR, scriptName + ": a call " + what + "; its context is lost (the "
                + "thread running it stays busy until the gateway restarts) and the script is disabled until it is reloaded");
    }

    /** Runs whose context could not be stopped; the script is disabled after the first. */
    int lostContexts() {
        return lost.get();
    }

    /** Why the script's calls are refused, if they are. */
    java.util.Optional<String> disabledReason() {
        return java.util.Optional.ofNullable(disabled);
    }

    /** Contexts alive now (idle or in use); never more than the pool size. */
    int liveContexts() {
        return live.get();
    }

    /** The most contexts that were alive at once. */
    int peakContexts() {
        return peakLive.get();
    }

    /** Contexts created since the pool started, replacements included. */
    int createdContexts() {
        return created.get();
    }

    int size() {
        return limits.poolSize();
    }

    private Slot borrow() {
        Slot slot = idle.poll();
        if (slot != null) {
            return slot;
        }
        long deadline = System.nanoTime() + limits.timeLimit().toNanos() * 4 + TimeUnit.SECONDS.toNanos(5);
        while (!closed) {
            int n = live.get();
            if (n < limits.poolSize()) {
                if (live.compareAndSet(n, n + 1)) {
                    peakLive.accumulateAndGet(n + 1, Math::max);
                    try {
                        return newSlot(stoppedSinceSuccess ? limits.timeLimit() : limits.coldCallTimeLimit());
                    } catch (RuntimeException e) {
                        live.decrementAndGet();
                        throw new ScriptFailedException(scriptName + ": cannot create a context: " + e.getMessage(), e);
                    }
                }
                continue;
            }
            try {
                slot = idle.poll(POLL_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScriptFailedException(scriptName + ": interrupted while waiting for a context", e);
            }
            if (slot != null) {
                return slot;
            }
            if (System.nanoTime() > deadline) {
                throw new ScriptFailedException(scriptName + ": all " + limits.poolSize() + " contexts busy", null);
            }
        }
        throw new ScriptFailedException(scriptName + ": unloaded", null);
    }

    private void release(Slot slot, boolean broken) {
        if (broken || closed || !idle.offer(slot)) {
            live.decrementAndGet();
            closeQuietly(slot.context());
        }
    }

    /** A new context with the module evaluated, its top-level code stopped after {@code limit}. */
    private Slot newSlot(Duration limit) {
        Context context = Context.newBuilder("js")
                .engine(engine.engine())
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(new ScriptOutput(engine.logger(), System.Logger.Level.INFO, scriptName))
                .err(new ScriptOutput(engine.logger(), System.Logger.Level.WARNING, scriptName))
                .allowHostAccess(HOST_ACCESS)
                .allowHostClassLookup(className -> false)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .option("js.esm-eval-returns-exports", "true")
                .resourceLimits(resourceLimits)
                .build();
        created.incrementAndGet();
        CallLease lease = new CallLease(context, scriptName, this::lost, engine.watchdog());
        lease.arm(limit);
        Slot slot = null;
        String stoppedBy = "time limit";
        try {
            context.eval(HIDE_HOST_GLOBALS);
            Value exports = context.eval(source);
            Map<String, Value> functions = functionNames.stream()
                    .filter(n -> exports.hasMember(n) && exports.getMember(n).canExecute())
                    .collect(Collectors.toUnmodifiableMap(n -> n, exports::getMember));
            slot = new Slot(context, exports, functions);
        } catch (PolyglotException e) {
            if (!stoppedByLimit(e)) {
                throw e;
            }
            if (e.isResourceExhausted()) {
                stoppedBy = "statement limit";
            }
        } finally {
            if (!lease.finish()) {
                lease.awaitStopper();
                slot = null;
            }
            if (slot == null) {
                closeQuietly(context);
            }
        }
        if (slot == null) {
            throw new ScriptFailedException(scriptName + ": top-level code stopped after "
                    + (stoppedBy.equals("time limit") ? limit.toMillis() + " ms" : limits.statementLimit() + " statements")
                    + " (" + stoppedBy + "): a module's top level must finish within the limit of a first call", null);
        }
        return slot;
    }

    static void closeQuietly(Context context) {
        try {
            context.close(true);
        } catch (RuntimeException ignored) {
            // a cancelled context may refuse even close(); it is unreachable either way
        }
    }

    @Override
    public void close() {
        closed = true;
        Slot slot;
        while ((slot = idle.poll()) != null) {
            live.decrementAndGet();
            closeQuietly(slot.context());
        }
    }
}
