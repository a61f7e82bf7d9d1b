package dev.tollgate.bench.suite;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Cuts a server-sent event stream into events as its bytes arrive, however they are split: an
 * event may span several reads (even inside a UTF-8 character) and one read may hold several
 * events. Each event's {@code data} is handed on with the time of the read that completed it, so
 * a stream can be timed event by event. Lines end with CRLF, LF or CR; comments and fields
 * other than {@code data} are skipped; an event not ended by a blank line is never dispatched
 * (as the HTML standard's parser does).
 */
final class SseDecoder implements BodySink {

    /** Receives each event's data (its {@code data:} lines joined by LF). */
    @FunctionalInterface
    interface Listener {
        void event(String data, long arrivedNanos);
    }

    private final Listener listener;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final StringBuilder data = new StringBuilder(256);
    private boolean hasData;
    private boolean afterCr;

    SseDecoder(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void accept(byte[] bytes, int offset, int length) {
        long arrived = System.nanoTime();
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n' && afterCr) {
                afterCr = false; // the LF of a CRLF
                continue;
            }
            afterCr = b == '\r';
            if (b == '\r' || b == '\n') {
                endLine(arrived);
            } else {
                line.write(b);
            }
        }
    }

    private void endLine(long arrived) {
        if (line.size() == 0) {
            if (hasData) {
                listener.event(data.toString(), arrived);
            }
            data.setLength(0);
            hasData = false;
            return;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        if (!field.equals("data")) {
            return; // a comment (empty field), event, id, retry
        }
        int valueStart = colon < 0 ? text.length() : colon + 1;
        if (valueStart < text.length() && text.charAt(valueStart) == ' ') {
            valueStart++;
        }
        if (hasData) {
            data.append('\n');
        }
        data.append(text, valueStart, text.length());
        hasData = true;
    }
}
