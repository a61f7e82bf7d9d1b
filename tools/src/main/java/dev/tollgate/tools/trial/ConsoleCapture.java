package dev.tollgate.tools.trial;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** A script's console ({@code console.log}, {@code print}) and the engine's messages, as lines. */
final class ConsoleCapture implements System.Logger {
    private final List<String> lines = new CopyOnWriteArrayList<>();

    List<String> lines() {
        return lines;
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
