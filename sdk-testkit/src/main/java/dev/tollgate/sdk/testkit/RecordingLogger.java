package dev.tollgate.sdk.testkit;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A thread-safe {@link System.Logger} that keeps its lines ({@code "LEVEL message"}) for
 * assertions, also for what a plugin logs from its own background threads.
 *
 * @since 0.1.0
 */
public final class RecordingLogger implements System.Logger {
    private final List<String> lines;

    /** A logger with lines of its own. */
    public RecordingLogger() {
        this(new CopyOnWriteArrayList<>());
    }

    RecordingLogger(List<String> lines) {
        this.lines = lines;
    }

    /** What was logged so far, oldest first. */
    public List<String> lines() {
        return lines;
    }

    /**
     * The first line matching {@code line}, waiting up to {@code millis} for it.
     *
     * @throws AssertionError listing every line, when none matched in time
     */
    public String await(Predicate<String> line, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (true) {
            for (String l : lines) {
                if (line.test(l)) {
                    return l;
                }
            }
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("no such line within " + millis + " ms; lines: " + lines);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public String getName() {
        return "test";
    }

    @Override
    public boolean isLoggable(Level level) {
        return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        lines.add(level.getName() + " " + msg + (thrown == null ? "" : " " + thrown));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        lines.add(level.getName() + " " + (params == null || params.length == 0 ? format : MessageFormat.format(format, params)));
    }
}
