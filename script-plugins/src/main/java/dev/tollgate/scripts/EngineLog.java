package dev.tollgate.scripts;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * The GraalVM engine's own log records, into the gateway's log. One is dropped: the warning,
 * given at the first context, that polyglot contexts on virtual threads are experimental. What
 * it calls experimental is access to caller frames in write or materialize mode, which only
 * debuggers and instruments use; a sandboxed plugin has neither, and scripts run on the
 * request's virtual thread by design (docs/js-plugins.md). Silencing it through the engine's
 * option would need experimental options enabled, which GraalVM advises against in production.
 */
final class EngineLog extends Handler {
    private final System.Logger logger;

    EngineLog(System.Logger logger) {
        this.logger = logger;
    }

    static boolean isVirtualThreadNotice(String message) {
        return message != null && message.contains("virtual threads") && message.contains("experimental");
    }

    @Override
    public void publish(LogRecord r) {
        if (r == null || isVirtualThreadNotice(r.getMessage())) {
            return;
        }
        String message = "[js-engine] [" + r.getLoggerName() + "] " + r.getMessage();
        logger.log(level(r.getLevel()), message, r.getThrown());
    }

    private static System.Logger.Level level(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return System.Logger.Level.ERROR;
        }
        if (v >= Level.WARNING.intValue()) {
            return System.Logger.Level.WARNING;
        }
        return v >= Level.INFO.intValue() ? System.Logger.Level.INFO : System.Logger.Level.DEBUG;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
