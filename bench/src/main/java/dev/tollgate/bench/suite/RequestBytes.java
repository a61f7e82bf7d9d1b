package dev.tollgate.bench.suite;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Encodes a request once, before a run, into the bytes written for every send: request line,
 * {@code Host} (unless given), the caller's headers as given, {@code Content-Length} when there
 * is a body, the body. Nothing is built on the timed path.
 */
final class RequestBytes {

    private RequestBytes() {
    }

    static byte[] encode(String method, URI uri, Map<String, String> headers, byte[] body) {
        requireNonNull(headers, "headers");
        checkUri(uri);
        StringBuilder head = new StringBuilder(256);
        String query = uri.getRawQuery();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        head.append(method).append(' ').append(path).append(query == null ? "" : "?" + query).append(" HTTP/1.1\r\n");
        boolean hostGiven = false;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = requireNonNull(header.getKey(), "header name");
            String value = requireNonNull(header.getValue(), "headers[" + name + "]");
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("content-length") || lower.equals("transfer-encoding")) {
                throw new IllegalArgumentException("headers: " + name + " (expected: not given; it is set from the body)");
            }
            if (name.isEmpty() || !isToken(name) || !isFieldValue(value)) {
                throw new IllegalArgumentException("headers: " + name + ": " + value
                        + " (expected: a token name and a value without control characters)");
            }
            hostGiven |= lower.equals("host");
            head.append(name).append(": ").append(value).append("\r\n");
        }
        if (!hostGiven) {
            head.append("Host: ").append(uri.getHost()).append(uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    .append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(head.length() + (body == null ? 0 : body.length));
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            bytes.writeBytes(body);
        }
        return bytes.toByteArray();
    }

    static String host(URI uri) {
        return uri.getHost();
    }

    static int port(URI uri) {
        return uri.getPort() < 0 ? 80 : uri.getPort();
    }

    private static void checkUri(URI uri) {
        requireNonNull(uri, "uri");
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("uri: " + uri + " (expected: http://host[:port]/path; no TLS)");
        }
    }

    private static boolean isToken(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFieldValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < ' ' && c != '\t') || c == 0x7f || c > 0xff) {
                return false;
            }
        }
        return true;
    }
}
