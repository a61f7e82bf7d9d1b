package dev.tollgate.sdk.testkit;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.sdk.UpstreamHandler;
import dev.tollgate.sdk.UpstreamRequest;

/** The upstream request of a {@link FakePluginContext}: starts as the client's, records every change. */
final class FakeUpstreamRequest implements UpstreamRequest {
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private String method;
    private String path;
    private String query;
    private byte[] body;
    private UpstreamHandler handler;

    FakeUpstreamRequest(String method, Map<String, List<String>> headers, String path, String query, byte[] body) {
        this.method = method;
        headers.forEach((k, v) -> this.headers.put(k, new ArrayList<>(v)));
        this.path = path;
        this.query = query;
        this.body = body;
    }

    Map<String, List<String>> headers() {
        return headers;
    }

    @Override
    public byte[] body() {
        return body;
    }

    @Override
    public Optional<UpstreamHandler> handler() {
        return Optional.ofNullable(handler);
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public void setMethod(String method) {
        this.method = method;
    }

    @Override
    public void setHeader(String name, String value) {
        headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(List.of(value)));
    }

    @Override
    public void addHeader(String name, String value) {
        headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
    }

    @Override
    public void removeHeader(String name) {
        headers.remove(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public Optional<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream().findFirst();
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public void setPath(String path) {
        this.path = path;
    }

    @Override
    public String rawQuery() {
        return query;
    }

    @Override
    public void setRawQuery(String rawQuery) {
        this.query = rawQuery;
    }

    /** As the gateway does: name and value percent-encoded (a space as {@code %20}). */
    @Override
    public void setQueryParameter(String name, String value) {
        removeQueryParameter(name);
        String pair = encode(name) + "=" + encode(value);
        query = query.isEmpty() ? pair : query + "&" + pair;
    }

    /** As the gateway does: every pair whose decoded name is {@code name}. */
    @Override
    public void removeQueryParameter(String name) {
        query = String.join("&", Arrays.stream(query.split("&")).filter(p -> {
            int eq = p.indexOf('=');
            return !p.isEmpty() && !URLDecoder.decode(eq < 0 ? p : p.substring(0, eq), StandardCharsets.UTF_8).equals(name);
        }).toList());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void setBody(byte[] body) {
        this.body = body;
    }

    @Override
    public void setHandler(UpstreamHandler handler) {
        this.handler = java.util.Objects.requireNonNull(handler, "handler");
    }
}
