package dev.tollgate.host.plugins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.sdk.ClientResponse;

/**
 * What plugins decided about the client's response: an exit (status, body, headers) and the
 * header changes to apply on top of the upstream's headers.
 */
public final class ClientResponseState implements ClientResponse {
    /** A header change, applied in order to the final response. */
    public record HeaderChange(String name, String value, boolean add) {}

    private final List<HeaderChange> changes = new ArrayList<>();
    private final Map<String, List<String>> view = new LinkedHashMap<>();
    private int exitStatus;
    private Object exitBody;
    private int status;
    private int replacedStatus;
    private byte[] body;

    @Override
    public void exit(int status, Object body, Map<String, String> headers) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("exit status: " + status + " (expected: 100..599)");
        }
        this.exitStatus = status;
        this.exitBody = body;
        this.status = status;
        headers.forEach(this::setHeader);
    }

    @Override
    public void setBody(byte[] body) {
        this.body = body == null ? new byte[0] : body;
    }

    @Override
    public void setStatus(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status: " + status + " (expected: 100..599)");
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

    @Override
    public int status() {
        return status;
    }

    public void status(int status) {
        this.status = status;
    }

    @Override
    public void setHeader(String name, String value) {
        changes.add(new HeaderChange(name, value, false));
        List<String> v = new ArrayList<>(1);
        v.add(value);
        view.put(name.toLowerCase(Locale.ROOT), v);
    }

    @Override
    public void addHeader(String name, String value) {
        changes.add(new HeaderChange(name, value, true));
        view.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(value);
    }

    @Override
    public void removeHeader(String name) {
        changes.add(new HeaderChange(name, null, false));
        view.remove(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public Optional<String> header(String name) {
        List<String> v = view.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.getFirst());
    }

    /** The header changes, in the order plugins made them. */
    public List<HeaderChange> changes() {
        return changes;
    }

    /** Seeds the headers plugins see with the upstream's, for {@code header(...)} in header_filter. */
    public void seed(Map<String, List<String>> upstream) {
        upstream.forEach((k, v) -> view.putIfAbsent(k, new ArrayList<>(v)));
    }
}
