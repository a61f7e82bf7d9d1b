package dev.tollgate.mockllm;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Writes a streamed answer one event at a time, flushing each, so a client (or a gateway under
 * test) sees every event when it is produced rather than when the answer ends. An event is a
 * server-sent event, an NDJSON line, or any other frame of text.
 */
final class EventStream {

    private final OutputStream out;
    private final Pacer pacer;
    private final int dropAfter;
    private int sent;
    /** This stream's pause between tokens, or null for the server's. */
    private Duration tokenDelay;

    /** @param dropAfter events to send before cutting the connection, or -1 to send them all */
    EventStream(OutputStream out, Pacer pacer, int dropAfter) {
        this.out = out;
        this.pacer = pacer;
        this.dropAfter = dropAfter;
    }

    void data(String data) throws IOException {
        event(null, data);
    }

    void event(String name, String data) throws IOException {
        StringBuilder event = new StringBuilder(data.length() + 32);
        if (name != null) {
            event.append("event: ").append(name).append('\n');
        }
        event.append("data: ").append(data).append("\n\n");
        frame(event.toString());
    }

    /** One line of newline-delimited JSON. */
    void line(String json) throws IOException {
        frame(json + "\n");
    }

    /** Writes {@code text} as it is, as one event. */
    void frame(String text) throws IOException {
        if (sent == dropAfter) {
            throw Exchange.abort("mock failure: dropped mid-stream after " + sent + " events");
        }
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        sent++;
    }

    /** Calls {@code write} for tokens 0 to {@code count - 1}, one token delay apart. */
    void tokens(int count, TokenWriter write) throws IOException {
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                tokenPause();
            }
            write.write(i);
        }
    }

    /** Paces this stream's tokens {@code delay} apart instead of the server's token delay. */
    void tokenDelay(Duration delay) {
        this.tokenDelay = delay;
    }

    /** Waits one token delay; a stop of the mock ends the stream abruptly. */
    void tokenPause() {
        if (!(tokenDelay == null ? pacer.tokenPause() : pacer.pause(tokenDelay))) {
            throw Exchange.abort("mock stopped mid-stream");
        }
    }

    void pause(Duration delay) {
        if (!pacer.pause(delay)) {
            throw Exchange.abort("mock stopped mid-stream");
        }
    }

    void close() throws IOException {
        out.close();
    }

    /** Writes the event(s) of token {@code i}. */
    @FunctionalInterface
    interface TokenWriter {
        void write(int i) throws IOException;
    }
}
