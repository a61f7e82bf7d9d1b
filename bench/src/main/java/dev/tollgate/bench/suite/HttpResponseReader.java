package dev.tollgate.bench.suite;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.util.Locale;

/**
 * Reads HTTP/1.1 responses, one after another, off one connection: the status line, the headers
 * that frame the body, and the body by {@code Content-Length}, by {@code Transfer-Encoding:
 * chunked} (extensions and trailers skipped) or, with neither, up to the end of the connection.
 * Body bytes go to a {@link BodySink} as soon as a socket read returns them, so a streamed answer
 * can be timed event by event.
 *
 * <p>Written for the bench tools' own requests (GET and POST, never HEAD, never an upgrade), and
 * strict where a wrong guess would misframe the next response on a kept-alive connection: a
 * malformed line is a {@link ProtocolException}, an early end an {@link EOFException}; after
 * either the connection must be closed.
 */
final class HttpResponseReader {

    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 256;

    private final InputStream in;
    private final byte[] buffer;
    private int pos;
    private int limit;

    HttpResponseReader(InputStream in) {
        this(in, 16 * 1024);
    }

    HttpResponseReader(InputStream in, int bufferSize) {
        this.in = in;
        this.buffer = new byte[bufferSize];
    }

    /** What a caller needs of a response once its body has been read. */
    record Response(int status, boolean keepAlive) {
    }

    /** Reads the next response; interim (1xx) answers are skipped. */
    Response read(BodySink body) throws IOException {
        Head head = readHead();
        while (head.status >= 100 && head.status < 200) {
            if (head.status == 101) {
                throw new ProtocolException("unexpected 101 Switching Protocols (no upgrade was asked for)");
            }
            head = readHead();
        }
        boolean keepAlive = head.keepAlive;
        if (head.status == 204 || head.status == 304) {
            // No body, whatever the headers say.
        } else if (head.chunked) {
            readChunked(body);
        } else if (head.contentLength >= 0) {
            copy(head.contentLength, body, "body");
        } else {
            readToEnd(body);
            keepAlive = false;
        }
        return new Response(head.status, keepAlive);
    }

    private Head readHead() throws IOException {
        String statusLine = readLine("status line");
        // "HTTP/1.1 200 OK": the reason phrase may be empty, and the space before it missing.
        if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.") || !Character.isDigit(statusLine.charAt(7))
                || statusLine.charAt(8) != ' '
                || (statusLine.length() > 12 && statusLine.charAt(12) != ' ')) {
            throw new ProtocolException("bad status line: " + printable(statusLine));
        }
        Head head = new Head();
        head.status = parseStatus(statusLine);
        boolean http11 = statusLine.charAt(7) != '0';
        boolean close = false;
        boolean keepAliveToken = false;
        for (int n = 0; ; n++) {
            String line = readLine("headers");
            if (line.isEmpty()) {
                break;
            }
            if (n == MAX_HEADERS) {
                throw new ProtocolException("more than " + MAX_HEADERS + " header lines");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ProtocolException("bad header line: " + printable(line));
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> head.contentLength = contentLength(value, head.contentLength);
                // The last coding decides; anything but chunked last means "up to the close".
                case "transfer-encoding" -> {
                    head.chunked = lastToken(value).equals("chunked");
                    head.transferEncoded = true;
                }
                case "connection" -> {
                    for (String token : value.split(",")) {
                        String t = token.trim().toLowerCase(Locale.ROOT);
                        close |= t.equals("close");
                        keepAliveToken |= t.equals("keep-alive");
                    }
                }
                default -> {
                }
            }
        }
        if (head.transferEncoded) {
            // Transfer-Encoding overrides Content-Length (RFC 9112, 6.3).
            head.contentLength = -1;
        }
        head.keepAlive = !close && (http11 || keepAliveToken);
        return head;
    }

    private void readChunked(BodySink body) throws IOException {
        while (true) {
            String line = readLine("chunk size");
            int semicolon = line.indexOf(';');
            String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
            long size;
            try {
                size = hex.length() > 15 ? -1 : Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 0) {
                throw new ProtocolException("bad chunk size line: " + printable(line));
            }
            if (size == 0) {
                break;
            }
            copy(size, body, "chunk");
            if (!readLine("chunk end").isEmpty()) {
                throw new ProtocolException("chunk of " + size + " bytes not followed by CRLF");
            }
        }
        for (int n = 0; !readLine("trailers").isEmpty(); n++) {
            if (n == MAX_HEADERS) {
                throw new ProtocolException("more than " + MAX_HEADERS + " trailer lines");
            }
        }
    }

    private void copy(long length, BodySink body, String what) throws IOException {
        long left = length;
        while (left > 0) {
            if (pos == limit) {
                fill(what + " (" + (length - left) + " of " + length + " bytes read)");
            }
            int n = (int) Math.min(left, limit - pos);
            body.accept(buffer, pos, n);
            pos += n;
            left -= n;
        }
    }

    private void readToEnd(BodySink body) throws IOException {
        while (true) {
            if (pos == limit) {
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) {
                    return;
                }
                pos = 0;
                limit = n;
            }
            body.accept(buffer, pos, limit - pos);
            pos = limit;
        }
    }

    /** A line without its CRLF (or bare LF), its bytes read as ISO-8859-1. */
    private String readLine(String what) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            if (pos == limit) {
                fill(what);
            }
            while (pos < limit) {
                byte b = buffer[pos++];
                if (b == '\n') {
                    int end = line.length();
                    if (end > 0 && line.charAt(end - 1) == '\r') {
                        line.setLength(end - 1);
                    }
                    return line.toString();
                }
                if (line.length() == MAX_LINE) {
                    throw new ProtocolException(what + ": line longer than " + MAX_LINE + " bytes");
                }
                line.append((char) (b & 0xff));
            }
        }
    }

    private void fill(String what) throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            throw new EOFException("connection closed while reading the " + what);
        }
        pos = 0;
        limit = n;
    }

    private static int parseStatus(String statusLine) throws ProtocolException {
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = statusLine.charAt(i);
            if (c < '0' || c > '9') {
                throw new ProtocolException("bad status line: " + printable(statusLine));
            }
            status = status * 10 + (c - '0');
        }
        return status;
    }

    private static long contentLength(String value, long earlier) throws ProtocolException {
        long length;
        try {
            length = Long.parseLong(value);
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length < 0 || (earlier >= 0 && earlier != length)) {
            throw new ProtocolException("bad Content-Length: " + printable(value));
        }
        return length;
    }

    private static String lastToken(String value) {
        int comma = value.lastIndexOf(',');
        return value.substring(comma + 1).trim().toLowerCase(Locale.ROOT);
    }

    private static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return '"' + cut.replaceAll("\\p{Cntrl}", "?") + '"';
    }

    private static final class Head {
        int status;
        long contentLength = -1;
        boolean chunked;
        boolean transferEncoded;
        boolean keepAlive;
    }
}
