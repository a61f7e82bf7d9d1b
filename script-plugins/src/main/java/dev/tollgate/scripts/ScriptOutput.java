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
        logger.log(level, "[" + tag + "] " + text);
    }
}
