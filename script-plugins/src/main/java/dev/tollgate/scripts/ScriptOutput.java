package dev.tollgate.scripts;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A script's stdout or stderr ({@code console.log}, {@code print}) as lines in the gateway's
 * log, each tagged with the script's name. A sandboxed context must not write to the JVM's own
 * streams.
 */
final class ScriptOutput extends OutputStream {
    private static final int MAX_LINE = 8_192;

    private final System.Logger logger;
    private final System.Logger.Level level;
    private final String tag;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    ScriptOutput(System.Logger logger, System.Logger.Level level, String tag) {
        this.logger = logger;
        this.level = level;
        this.tag = tag;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            flushLine();
        } else if (line.size() < MAX_LINE) {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public synchronized void flush() {
        if (line.size() > 0) {
            flushLine();
        }
    }

    private void flushLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        logger.log(level, "[" + tag + "] " + oneLine(text, MAX_LINE));
    }

    /**
     * {@code text} as one log line: control characters (a carriage return, a terminal escape, a
     * Unicode line break) written as escapes, cut after {@code max} characters with a note of
     * how many were left out.
     */
    static String oneLine(String text, int max) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), max) + 16);
        int n = Math.min(text.length(), max);
        for (int i = 0; i < n; i++) {
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
        if (text.length() > max) {
            b.append("… (").append(text.length() - max).append(" more characters)");
        }
        return b.toString();
    }
}
