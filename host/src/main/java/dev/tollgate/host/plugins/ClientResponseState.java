package dev.tollgate.host.plugins;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tollgate.db.EntityJson;
import dev.tollgate.sdk.ClientResponse;
import io.helidon.http.HeaderValues;

/**
 * What plugins decided about the client's response: an exit (status, body, headers) and the
 * header changes to apply on top of the upstream's headers. Checked where a plugin makes them,
 * so that a bad one fails that plugin, by name: header names and values as the server would
 * check them, and no more than an upstream's response may carry — {@value #MAX_HEADER_BYTES}
 * bytes of headers, {@value #MAX_BODY_BYTES} bytes of body.
 */
public final class ClientResponseState implements ClientResponse {
    /** Header bytes plugins may set on one response: an upstream's response head may carry as much. */
    public static final int MAX_HEADER_BYTES = 16 * 1024;
    /** The largest body a plugin may answer with: as much as the gateway buffers of an upstream's. */
    public static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    /** A header change, applied in order to the final response. */
    public record HeaderChange(String name, String value, boolean add) {}

    /** An exit's body as it will be sent, and its content type (null without a body). */
    public record ExitBody(byte[] bytes, String contentType) {}

    private final List<HeaderChange> changes = new ArrayList<>();
    private final Map<String, List<String>> view = new LinkedHashMap<>();
    private int headerBytes;
    private Map<String, List<String>> seed = Map.of();
    private int exitStatus;
    private Object exitBody;
    private ExitBody exitBytes;
    private int status;
    private int replacedStatus;
    private byte[] body;

    @Override
    public void exit(int status, Object body, Map<String, String> headers) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("exit status: " + status + " (expected: 200..599: an exit is a final answer)");
        }
        ExitBody bytes = encode(body);
        int before = changes.size();
        try {
            headers.forEach(this::setHeader);
        } catch (RuntimeException e) {
            dropChangesAfter(before); // all or nothing: no half-made exit
            throw e;
        }
        this.exitStatus = status;
        this.exitBody = body;
        this.exitBytes = bytes;
        this.status = status;
    }

    /** A String body as text, a byte[] as it is, anything else as JSON. */
    private static ExitBody encode(Object body) {
        if (body == null) {
            return new ExitBody(new byte[0], null);
        }
        byte[] bytes;
        String type;
        if (body instanceof String s) {
            checkBodySize("exit body", (long) s.length());
            bytes = s.getBytes(StandardCharsets.UTF_8);
            type = "text/plain; charset=utf-8";
        } else if (body instanceof byte[] b) {
            bytes = b;
            type = "application/octet-stream";
        } else if (body instanceof Map || body instanceof List || body instanceof Number || body instanceof Boolean) {
            try {
                bytes = EntityJson.mapper().writeValueAsBytes(body);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("exit body: cannot be written as JSON: " + e.getOriginalMessage(), e);
            }
            type = "application/json; charset=utf-8";
        } else {
            throw new IllegalArgumentException("exit body: " + body.getClass().getName()
                    + " (expected: String, byte[], Map, List, number or boolean)");
        }
        checkBodySize("exit body", bytes.length);
        return new ExitBody(bytes, type);
    }

    private static void checkBodySize(String what, long length) {
        if (length > MAX_BODY_BYTES) {
            throw new IllegalArgumentException(what + ": " + length + " bytes (expected: at most " + MAX_BODY_BYTES
                    + ", as much as the gateway holds of an upstream's response)");
        }
    }

    @Override
    public void setBody(byte[] body) {
        byte[] b = body == null ? new byte[0] : body;
        checkBodySize("response body", b.length);
        this.body = b;
    }

    @Override
    public void setStatus(int status) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status: " + status + " (expected: 200..599: an interim status is no answer)");
        }
        this.replacedStatus = status;
        this.status = status;
    }

    /** The status a plugin set in the response phase, or 0. */
    public int replacedStatus() {
        return replacedStatus;
    }

    /** The body a plugin set in the response phase, or null. */
    public byte[] replacedBody() {
        return body;
    }

    @Override
    public boolean exited() {
        return exitStatus != 0;
    }

    public int exitStatus() {
        return exitStatus;
    }

    public Object exitBody() {
        return exitBody;
    }

    /** The exit's body as it will be sent. */
    public ExitBody exitBytes() {
        return exitBytes;
    }

    @Override
    public int status() {
        return status;
    }

    public void status(int status) {
        this.status = status;
    }

    @Override
    public void setHeader(String name, String value) {
        check(name, value);
        changes.add(new HeaderChange(name, value, false));
        List<String> v = new ArrayList<>(1);
        v.add(value);
        view.put(name.toLowerCase(Locale.ROOT), v);
    }

    @Override
    public void addHeader(String name, String value) {
        check(name, value);
        changes.add(new HeaderChange(name, value, true));
        view.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(value);
    }

    @Override
    public void removeHeader(String name) {
        check(name, null, false);
        changes.add(new HeaderChange(name, null, false));
        view.remove(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public Optional<String> header(String name) {
        List<String> v = view.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.getFirst());
    }

    /** A token name, a value without CR, LF or other control characters, within the budget of header bytes. */
    private void check(String name, String value) {
        check(name, value, true);
    }

    /** {@code setting}: removing a framing header is fine (the gateway frames what is left). */
    private void check(String name, String value, boolean setting) {
        if (setting && FRAMING_HEADERS.contains(java.util.Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("response header: '" + name + "' (expected: not a header that frames the"
                    + " response or its connection: the gateway sets content-length, transfer-encoding and connection)");
        }
        try {
            HeaderValues.create(java.util.Objects.requireNonNull(name, "name"), value == null ? "" : value).validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("response header: '" + name + "' (expected: a token name and a value"
                    + " without CR, LF or other control characters; " + e.getMessage() + ")", e);
        }
        headerBytes += name.length() + (value == null ? 0 : value.length()) + 4;
        if (headerBytes > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("response headers: plugins set over " + MAX_HEADER_BYTES
                    + " bytes of headers (expected: at most " + MAX_HEADER_BYTES + ", as an upstream's response head)");
        }
    }

    /** The header changes, in the order plugins made them. */
    public List<HeaderChange> changes() {
        return changes;
    }

    /** Seeds the headers plugins see with the upstream's, for {@code header(...)} in header_filter. */
    public void seed(Map<String, List<String>> upstream) {
        seed = upstream;
        upstream.forEach((k, v) -> view.putIfAbsent(k, new ArrayList<>(v)));
    }

    /** Forgets the header changes after the first {@code kept} (those of a plugin that failed). */
    public void dropChangesAfter(int kept) {
        if (changes.size() <= kept) {
            return;
        }
        changes.subList(kept, changes.size()).clear();
        headerBytes = 0;
        view.clear();
        seed.forEach((k, v) -> view.put(k, new ArrayList<>(v)));
        for (HeaderChange c : changes) {
            headerBytes += c.name().length() + (c.value() == null ? 0 : c.value().length()) + 4;
            String key = c.name().toLowerCase(Locale.ROOT);
            if (c.value() == null) {
                view.remove(key);
            } else if (c.add()) {
                view.computeIfAbsent(key, k -> new ArrayList<>(1)).add(c.value());
            } else {
                List<String> v = new ArrayList<>(1);
                v.add(c.value());
                view.put(key, v);
            }
        }
    }
}
