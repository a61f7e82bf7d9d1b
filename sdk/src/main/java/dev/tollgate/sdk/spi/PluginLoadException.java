package dev.tollgate.sdk.spi;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * A plugin file that cannot be loaded: a syntax error, a missing or invalid export. The message
 * names the file and, when known, the line and column:
 * {@code "ai-logger.js:3:14: SyntaxError: Expected ; but found x"}.
 *
 * @since 0.1.0
 */
public final class PluginLoadException extends Exception {
    private final Path file;
    private final int line;
    private final int column;
    private final String reason;

    /**
     * @param line   1-based, or 0 when unknown
     * @param column 1-based, or 0 when unknown (ignored without a line)
     * @param reason what is wrong, without the file name
     */
    public PluginLoadException(Path file, int line, int column, String reason, Throwable cause) {
        super(format(requireNonNull(file, "file"), line, column, requireNonNull(reason, "reason")), cause);
        this.file = file;
        this.line = Math.max(line, 0);
        this.column = line > 0 ? Math.max(column, 0) : 0;
        this.reason = reason;
    }

    /** A problem with no position in the file (a missing export, an unreadable file). */
    public PluginLoadException(Path file, String reason) {
        this(file, 0, 0, reason, null);
    }

    public Path file() {
        return file;
    }

    /** The 1-based line, when the problem has one. */
    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }

    /** The 1-based column, when the problem has one. */
    public OptionalInt column() {
        return column > 0 ? OptionalInt.of(column) : OptionalInt.empty();
    }

    /** What is wrong, without the file name and position. */
    public String reason() {
        return reason;
    }

    private static String format(Path file, int line, int column, String reason) {
        Path name = file.getFileName();
        StringBuilder sb = new StringBuilder(name == null ? file.toString() : name.toString());
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.append(": ").append(reason).toString();
    }
}
