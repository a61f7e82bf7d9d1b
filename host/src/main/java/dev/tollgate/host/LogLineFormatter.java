package dev.tollgate.host;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

import dev.tollgate.host.proxy.ProxyHandler;

/**
 * The gateway's log line: time, level, logger, message ({@code 2026-12-06T21:02:42.461 WARNING
 * [ProxyHandler] …}), one line per event whatever the message holds.
 * Messages carry what clients and scripts wrote (a header, a script's {@code ctx.log} text), so a
 * newline in one must not start a line that looks like the gateway's own, nor a terminal escape
 * rewrite what an operator sees: control characters are written as escapes ({@code \n},
 * {@code \u001b}). A thrown exception follows on lines of its own, its messages escaped the same
 * way.
 */
public final class LogLineFormatter extends Formatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

    @Override
    public String format(LogRecord r) {
        StringBuilder b = new StringBuilder(160);
        b.append(TIME.format(LocalDateTime.ofInstant(r.getInstant(), ZoneId.systemDefault()))).append(' ');
        String level = r.getLevel().getLocalizedName();
        b.append(level);
        for (int i = level.length(); i < 7; i++) {
            b.append(' ');
        }
        b.append(" [").append(r.getLoggerName()).append("] ");
        escape(formatMessage(r), b);
        if (r.getThrown() != null) {
            appendThrowable(b, r.getThrown(), "", new StackTraceElement[0],
                    Collections.newSetFromMap(new IdentityHashMap<>()));
        }
        return b.append(System.lineSeparator()).toString();
    }

    /** Appends {@code text} with its control characters (and Unicode line breaks) as escapes. */
    static void escape(String text, StringBuilder b) {
        if (text == null) {
            b.append("null");
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append('\t');
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
    }

    /** As {@link Throwable#printStackTrace()} prints it: causes, suppressed, frames in common elided. */
    private static void appendThrowable(StringBuilder b, Throwable t, String prefix, StackTraceElement[] enclosing,
                                        Set<Throwable> seen) {
        if (!seen.add(t)) {
            b.append(System.lineSeparator()).append(prefix).append("[CIRCULAR REFERENCE: ").append(t.getClass().getName()).append(']');
            return;
        }
        b.append(System.lineSeparator()).append(prefix).append(t.getClass().getName());
        String message = t.getLocalizedMessage();
        if (message != null) {
            b.append(": ");
            escape(message, b);
        }
        StackTraceElement[] frames = t.getStackTrace();
        int m = frames.length - 1;
        for (int n = enclosing.length - 1; m >= 0 && n >= 0 && frames[m].equals(enclosing[n]); m--, n--) {
            // frames in common with the enclosing trace
        }
        String indent = prefix.replace("Caused by: ", "").replace("Suppressed: ", "");
        for (int i = 0; i <= m; i++) {
            b.append(System.lineSeparator()).append(indent).append("\tat ").append(frames[i]);
        }
        if (m < frames.length - 1) {
            b.append(System.lineSeparator()).append(indent).append("\t... ").append(frames.length - 1 - m).append(" more");
        }
        for (Throwable s : t.getSuppressed()) {
            appendThrowable(b, s, indent + "\tSuppressed: ", frames, seen);
        }
        if (t.getCause() != null) {
            appendThrowable(b, t.getCause(), indent + "Caused by: ", frames, seen);
        }
    }
}
