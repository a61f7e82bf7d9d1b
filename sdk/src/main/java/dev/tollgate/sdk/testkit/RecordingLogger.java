package dev.tollgate.sdk.testkit;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;

/** A {@link System.Logger} that keeps its lines for assertions. */
final class RecordingLogger implements System.Logger {
    private final List<String> lines;

    RecordingLogger(List<String> lines) {
        this.lines = lines;
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
