package dev.tollgate.host.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The messages (and their exception's message) logged on one logger while it is open. */
final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger;
    private final List<String> messages = new CopyOnWriteArrayList<>();

    private LogCapture(Logger logger) {
        this.logger = logger;
    }

    static LogCapture of(String name) {
        LogCapture c = new LogCapture(Logger.getLogger(name));
        c.logger.addHandler(c);
        return c;
    }

    @Override
    public void publish(LogRecord r) {
        messages.add(r.getThrown() == null ? r.getMessage() : r.getMessage() + " " + r.getThrown().getMessage());
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    String getFirst() {
        return messages.getFirst();
    }

    List<String> all() {
        return messages;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
