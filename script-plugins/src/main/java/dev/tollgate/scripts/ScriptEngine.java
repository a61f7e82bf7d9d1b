package dev.tollgate.scripts;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.SandboxPolicy;

/**
 * The one polyglot {@link Engine} every script's contexts share (compiled code and parsed
 * sources are kept per engine, so a later context costs milliseconds, not a second), and the
 * watchdog thread that stops calls running over their time limit.
 */
public final class ScriptEngine implements AutoCloseable {
    private static final String INTERPRETED = "Interpreted";
    /** How long {@link #close()} waits for the engine. */
    static final long CLOSE_WAIT_MS = 3_000;

    private final Engine engine;
    private final System.Logger logger;
    private final ScheduledExecutorService watchdog;

    private ScriptEngine(System.Logger logger) {
        this.logger = requireNonNull(logger, "logger");
        this.engine = Engine.newBuilder("js")
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(new ScriptOutput(logger, System.Logger.Level.INFO, "js-engine"))
                .err(new ScriptOutput(logger, System.Logger.Level.WARNING, "js-engine"))
                // The interpreter is a supported fallback; mode() says which one runs.
                .option("engine.WarnInterpreterOnly", "false")
                // The engine's own records; its virtual-thread notice is dropped (EngineLog says why).
                .logHandler(new EngineLog(logger))
                .build();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tollgate-js-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    /** An engine whose scripts' output goes to {@code logger}. */
    public static ScriptEngine create(System.Logger logger) {
        return new ScriptEngine(logger);
    }

    /** An engine logging to {@code System.getLogger("dev.tollgate.scripts")}. */
    public static ScriptEngine create() {
        return create(System.getLogger("dev.tollgate.scripts"));
    }

    /** {@code compiled} with the optimizing runtime (JVMCI + Graal), {@code interpreted} without. */
    public String mode() {
        return INTERPRETED.equals(engine.getImplementationName()) ? "interpreted" : "compiled";
    }

    /** The Truffle runtime's own name ({@code GraalVM CE}, {@code Interpreted}). */
    public String implementationName() {
        return engine.getImplementationName();
    }

    Engine engine() {
        return engine;
    }

    System.Logger logger() {
        return logger;
    }

    ScheduledExecutorService watchdog() {
        return watchdog;
    }

    /**
     * Cancels what still runs and closes the engine, waiting at most {@link #CLOSE_WAIT_MS}: a
     * script whose context could not be stopped would hold a plain {@code close} for ever.
     */
    @Override
    public void close() {
        watchdog.shutdownNow();
        Thread closer = Thread.ofPlatform().daemon().name("tollgate-js-engine-close").start(() -> {
            try {
                engine.close(true);
            } catch (RuntimeException e) {
                logger.log(System.Logger.Level.WARNING, "closing the JavaScript engine failed: " + e.getMessage());
            }
        });
        try {
            if (!closer.join(Duration.ofMillis(CLOSE_WAIT_MS))) {
                logger.log(System.Logger.Level.WARNING, "the JavaScript engine did not close within " + CLOSE_WAIT_MS
                        + " ms: a script is still running that could not be stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
