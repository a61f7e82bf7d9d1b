package dev.tollgate.host.plugins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.sdk.UpstreamHandler;
import dev.tollgate.sdk.UpstreamRequest;
import io.helidon.http.HeaderValues;

/**
 * The request as it will go upstream, changed by plugins: headers (names lower-cased), path,
 * query and, when a plugin replaced it, the body.
 */
public final class UpstreamRequestState implements UpstreamRequest {
    private final Map<String, List<String>> headers;
    private String method;
    private String path;
    private String rawQuery;
    private byte[] body;
    /** Counts {@link #setBody} calls: the chat view is parsed again once the body under it was replaced. */
    private int bodyVersion;
    /** What {@link #body()} answers: the plugin run knows the client's body and the chat view. */
    private java.util.function.Supplier<byte[]> currentBody;
    private UpstreamHandler handler;
    private String handlerPlugin;
    /** The plugin being run, so a handler is known by its plugin's name. */
    String runningPlugin;

    public UpstreamRequestState(String method, Map<String, List<String>> headers, String path, String rawQuery) {
        this.method = method;
        this.headers = headers;
        this.path = path;
        this.rawQuery = rawQuery == null ? "" : rawQuery;
    }

    /** The headers to send, names lower-cased. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    int bodyVersion() {
        return bodyVersion;
    }

    void currentBody(java.util.function.Supplier<byte[]> source) {
        this.currentBody = source;
    }

    @Override
    public byte[] body() {
        if (currentBody != null) {
            return currentBody.get();
        }
        return body != null ? body : new byte[0];
    }

    /** The body a plugin set, or null when the client's body goes upstream unchanged. */
    public byte[] replacedBody() {
        return body;
    }

    @Override
    public Optional<UpstreamHandler> handler() {
        return Optional.ofNullable(handler);
    }

    /** The name of the plugin that set {@link #handler()}. */
    public String handlerPlugin() {
        return handlerPlugin;
    }

    @Override
    public void setHandler(UpstreamHandler handler) {
        this.handler = java.util.Objects.requireNonNull(handler, "handler");
        this.handlerPlugin = runningPlugin;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public void setMethod(String method) {
        if (method == null || !method.matches("[A-Z]{1,32}")) {
            throw new IllegalArgumentException("method: '" + method + "' (expected: an upper-case HTTP method)");
        }
        this.method = method;
    }

    @Override
    public void setHeader(String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        List<String> v = new ArrayList<>(1);
        v.add(java.util.Objects.requireNonNull(value, "value"));
        validate(key, v);
        headers.put(key, v);
    }

    @Override
    public void addHeader(String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        List<String> v = new ArrayList<>(headers.getOrDefault(key, List.of()));
        v.add(java.util.Objects.requireNonNull(value, "value"));
        validate(key, v);
        headers.put(key, v);
    }

    /**
     * The check the upstream client would make when writing the header (a token for a name, no
     * CR, LF or other control character in a value), made here once: the client's own is off
     * (UpstreamClients), since the client's headers were checked on their way in and these are
     * the only other ones that reach the upstream request.
     */
    private static void validate(String name, List<String> values) {
        try {
            HeaderValues.create(name, values).validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("header: '" + name + "' (expected: a token name and values without"
                    + " CR, LF or other control characters; " + e.getMessage() + ")", e);
        }
    }

    @Override
    public void removeHeader(String name) {
        headers.remove(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public Optional<String> header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.getFirst());
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public void setPath(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path: '" + path + "' (expected: starting with '/')");
        }
        requireRequestLineSafe("path", path);
        this.path = path;
    }

    @Override
    public String rawQuery() {
        return rawQuery;
    }

    @Override
    public void setRawQuery(String rawQuery) {
        if (rawQuery != null) {
            requireRequestLineSafe("query", rawQuery);
        }
        this.rawQuery = rawQuery == null ? "" : rawQuery;
    }

    /**
     * The path and query go upstream as they are (the client's encoding is kept), inside the
     * request line: a space, CR, LF or other control character from a plugin would split or end
     * it and let the plugin's input smuggle headers or a second request. Refused here, where the
     * plugin sets them, so the error names the plugin's call.
     */
    private static void requireRequestLineSafe(String what, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                throw new IllegalArgumentException(what + ": '" + value.replaceAll("\\p{Cntrl}", "?") + "' (expected: no spaces or "
                        + "control characters; percent-encode them, e.g. %20)");
            }
        }
    }

    @Override
    public void setQueryParameter(String name, String value) {
        removeQueryParameter(name);
        String pair = encode(name) + "=" + encode(value);
        rawQuery = rawQuery.isEmpty() ? pair : rawQuery + "&" + pair;
    }

    @Override
    public void removeQueryParameter(String name) {
        if (rawQuery.isEmpty()) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
            if (!key.equals(name) && !pair.isEmpty()) {
                kept.add(pair);
            }
        }
        rawQuery = String.join("&", kept);
    }

    @Override
    public void setBody(byte[] body) {
        this.body = body == null ? new byte[0] : body;
        bodyVersion++;
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Headers of a request, lower-cased, in a map plugins can change. */
    public static Map<String, List<String>> mutableCopy(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
        return out;
    }
}
