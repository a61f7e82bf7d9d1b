package dev.tollgate.tools.trial;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** A script's console ({@code console.log}, {@code print}) and the engine's messages, as lines. */
final class ConsoleCapture implements System.Logger {
    /** The most lines kept: a script that prints in a loop must not fill the screen, or the memory. */
    static final int MAX_LINES = 1_000;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong();

    List<String> lines() {
        long n = dropped.get();
        if (n == 0) {
            return lines;
        }
        List<String> out = new java.util.ArrayList<>(lines);
        out.add("… " + n + " more line(s) left out");
        return out;
    }

    @Override
    public String getName() {
        return "trial-console";
    }

    @Override
    public boolean isLoggable(Level level) {
        return level.getSeverity() >= Level.INFO.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        if (isLoggable(level)) {
            if (lines.size() >= MAX_LINES) {
                dropped.incrementAndGet();
                return;
            }
            lines.add((level == Level.INFO ? "" : level.getName() + " ") + msg + (thrown == null ? "" : " (" + thrown + ")"));
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        log(level, bundle, params == null || params.length == 0 ? format : MessageFormat.format(format, params), (Throwable) null);
    }

    @Override
    public void log(Level level, Supplier<String> msg) {
        log(level, null, msg.get(), (Throwable) null);
    }
}
