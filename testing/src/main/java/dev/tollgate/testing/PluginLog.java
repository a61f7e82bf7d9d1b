package dev.tollgate.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Plugins' log lines (loggers {@code tollgate.plugin.<name>}) and the gateway's "loaded from"
 * lines, kept while a test gateway runs.
 */
final class PluginLog extends Handler implements AutoCloseable {
    private static final String PLUGINS = "tollgate.plugin";
    private static final String FILES = "dev.tollgate.host.plugins.PluginJars";

    private record Line(String logger, String message) {}

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Logger plugins = Logger.getLogger(PLUGINS);
    private final Logger files = Logger.getLogger(FILES);

    static PluginLog attach() {
        PluginLog log = new PluginLog();
        log.plugins.addHandler(log);
        log.files.addHandler(log);
        return log;
    }

    @Override
    public void publish(LogRecord r) {
        if (r.getMessage() != null) {
            lines.add(new Line(r.getLoggerName(), r.getMessage()));
        }
    }

    List<String> lines(String plugin) {
        List<String> out = new ArrayList<>();
        for (Line l : lines) {
            if (l.logger().equals(PLUGINS + "." + plugin)) {
                out.add(l.message());
            }
        }
        return out;
    }

    /** How many lines are held: a mark for {@link #loaded}. */
    int mark() {
        return lines.size();
    }

    /** True once the gateway logged plugin {@code name} as loaded from {@code file}, after line {@code from}. */
    boolean loaded(String name, String file, int from) {
        String needle = "plugin " + name + " ";
        return lines.subList(Math.min(from, lines.size()), lines.size()).stream().anyMatch(l -> l.logger().equals(FILES)
                && l.message().startsWith(needle) && l.message().endsWith(" loaded from " + file));
    }

    /** The gateway's reason, logged after line {@code from}, why {@code file} did not load; null when there is none. */
    String failure(String file, int from) {
        for (Line l : lines.subList(Math.min(from, lines.size()), lines.size())) {
            String m = l.message();
            if (l.logger().equals(FILES) && (m.startsWith("plugin " + file + ":") || m.startsWith("plugin " + file + " "))) {
                return m.substring("plugin ".length());
            }
        }
        return null;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        plugins.removeHandler(this);
        files.removeHandler(this);
    }
}
