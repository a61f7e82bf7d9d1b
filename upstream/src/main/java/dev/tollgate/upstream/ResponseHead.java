package dev.tollgate.upstream;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A response's status line and headers, read strictly: a token for every name, no control
 * characters in values, no folded lines, at most {@value #MAX_HEAD} bytes in all. Interim
 * responses (1xx) are read past; a 101 is refused, since the gateway never asks to switch
 * protocols.
 *
 * @param http10 the upstream answered HTTP/1.0 (its connection is not kept)
 */
record ResponseHead(boolean http10, int status, String reason, List<HeaderField> headers) {
    /** The most bytes a response head may take: status line and headers. */
    static final int MAX_HEAD = 16 * 1024;
    private static final int MAX_INTERIM = 16;

    /** The first value of {@code lowerCaseName}, or null. */
    String first(String lowerCaseName) {
        for (HeaderField f : headers) {
            if (f.is(lowerCaseName)) {
                return f.value();
            }
        }
        return null;
    }

    /** Every value of {@code lowerCaseName}, comma-separated lists split and trimmed. */
    List<String> tokens(String lowerCaseName) {
        List<String> out = new ArrayList<>(2);
        for (HeaderField f : headers) {
            if (f.is(lowerCaseName)) {
                for (String t : f.value().split(",")) {
                    String v = t.strip();
                    if (!v.isEmpty()) {
                        out.add(v.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Reads the final response's head. {@code received[0]} turns true once any byte arrived,
     * so that a caller can tell an upstream that closed an idle connection from one that failed
     * mid-answer.
     */
    static ResponseHead read(InputStream in, boolean[] received) throws IOException {
        for (int interim = 0; ; interim++) {
            ResponseHead head = readOne(in, received);
            if (head.status >= 200) {
                return head;
            }
            if (head.status == 101) {
                throw new UpstreamProtocolException("the upstream switched protocols (101), which the gateway never asks for");
            }
            if (interim == MAX_INTERIM) {
                throw new UpstreamProtocolException("the upstream sent more than " + MAX_INTERIM + " interim (1xx) responses");
            }
        }
    }

    private static ResponseHead readOne(InputStream in, boolean[] received) throws IOException {
        int[] budget = {MAX_HEAD};
        Scratch scratch = new Scratch();
        String status = line(in, budget, received, scratch);
        if (status == null) {
            throw new EOFException("the upstream closed the connection without answering");
        }
        if (status.length() < 12 || !status.startsWith("HTTP/1.") || (status.charAt(7) != '0' && status.charAt(7) != '1')
                || status.charAt(8) != ' ' || !digits(status, 9, 12) || status.length() > 12 && status.charAt(12) != ' ') {
            throw new UpstreamProtocolException("the upstream's status line is not HTTP/1.x: '" + printable(status) + "'");
        }
        int code = Integer.parseInt(status.substring(9, 12));
        if (code < 100) {
            throw new UpstreamProtocolException("the upstream's status " + code + " is not an HTTP status");
        }
        String reason = status.length() > 13 ? status.substring(13) : "";
        checkValue(reason, "the status line's reason");
        List<HeaderField> headers = new ArrayList<>(16);
        String l;
        while (!(l = line(in, budget, received, scratch)).isEmpty()) {
            if (l.charAt(0) == ' ' || l.charAt(0) == '\t') {
                throw new UpstreamProtocolException("the upstream folded a header line (obsolete, refused)");
            }
            int colon = l.indexOf(':');
            if (colon <= 0 || !token(l, colon)) {
                throw new UpstreamProtocolException("the upstream sent a malformed header line: '" + printable(l) + "'");
            }
            String value = l.substring(colon + 1).strip();
            checkValue(value, "header " + l.substring(0, colon));
            headers.add(new HeaderField(l.substring(0, colon), value));
        }
        return new ResponseHead(status.charAt(7) == '0', code, reason, headers);
    }

    /** Room for one line of a head, grown as needed; one per head read. */
    private static final class Scratch {
        byte[] bytes = new byte[256];
    }

    /** One line without its CRLF (a bare LF is taken as the end too; a bare CR is refused); null at once-only EOF. */
    private static String line(InputStream in, int[] budget, boolean[] received, Scratch scratch) throws IOException {
        byte[] b = scratch.bytes;
        int n = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (n == 0 && !received[0]) {
                    return null;
                }
                throw new EOFException("the upstream closed the connection inside a response head");
            }
            received[0] = true;
            if (--budget[0] < 0) {
                throw new UpstreamProtocolException("the upstream's response head is over " + MAX_HEAD + " bytes");
            }
            if (c == '\n') {
                if (n > 0 && b[n - 1] == '\r') {
                    n--;
                }
                for (int i = 0; i < n; i++) {
                    if (b[i] == '\r') {
                        throw new UpstreamProtocolException("the upstream sent a bare CR in its response head");
                    }
                }
                return new String(b, 0, n, StandardCharsets.ISO_8859_1); // a byte is a char, as HTTP/1.1 heads are read
            }
            if (n == b.length) {
                scratch.bytes = b = Arrays.copyOf(b, n * 2);
            }
            b[n++] = (byte) c;
        }
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** RFC 9110 tchar. */
    private static boolean token(String s, int end) {
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Visible characters, spaces, tabs and obs-text only. */
    private static void checkValue(String v, String what) throws UpstreamProtocolException {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new UpstreamProtocolException(what + " holds a control character");
            }
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return cut.replaceAll("[\\p{Cntrl}]", "?");
    }
}
