package dev.tollgate.host.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.db.EntityJson;
import dev.tollgate.host.requests.RequestEntry;
import dev.tollgate.host.requests.RequestFilter;
import dev.tollgate.host.requests.RequestLog;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code POST /playground}: sends one request through this node's own proxy listener, as a
 * client would (the route's plugins, keys and limits all apply), and streams the answer back as
 * server-sent events: {@code response} (status and headers), {@code chunk} (each piece of the
 * body as it arrives, JSON-encoded text), {@code done} (timings, and the request's entry in the
 * live request log: tokens and cost). The admin UI's playground is built on it.
 */
public final class PlaygroundEndpoints {
    private static final Pattern PATH = Pattern.compile("/[^\\s#]*");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}");
    private static final Set<String> REFUSED = Set.of("host", "content-length", "transfer-encoding", "connection", "upgrade",
            "expect", "keep-alive", "te", "trailer", "proxy-connection");
    private static final Set<String> SHOWN = Set.of("content-type", "x-tollgate-provider", "x-tollgate-model",
            "x-tollgate-upstream-latency", "x-ratelimit-limit-minute", "x-ratelimit-remaining-minute", "retry-after", "x-cache-status");
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final String proxyHost;
    private final IntSupplier proxyPort;
    private final RequestLog log;

    /** @param proxyPort the proxy listener's port, known once it listens */
    public PlaygroundEndpoints(String proxyHost, IntSupplier proxyPort, RequestLog log) {
        this.proxyHost = proxyHost.equals("0.0.0.0") || proxyHost.equals("::") || proxyHost.isBlank() ? "127.0.0.1" : proxyHost;
        this.proxyPort = proxyPort;
        this.log = log;
    }

    void register(HttpRules r) {
        r.post("/playground", this::send);
        r.any("/playground", AdminRoutes::methodNotAllowed);
    }

    private void send(ServerRequest req, ServerResponse res) throws IOException {
        RequestBodies.Body read = RequestBodies.read(req);
        if (read.form()) {
            throw AdminException.badRequest("send the playground's request as JSON: {\"path\": ..., \"headers\": {...}, \"body\": ...}");
        }
        ObjectNode in = read.node();
        FieldReader f = new FieldReader(in, false);
        String path = in.path("path").asText("");
        if (!PATH.matcher(path).matches() || path.length() > 2048) {
            f.error("path", "expected a path on the proxy starting with '/' (e.g. /llm/v1/chat/completions)");
        }
        String method = in.path("method").asText("POST").toUpperCase(Locale.ROOT);
        if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
            f.error("method", "expected GET, POST, PUT, PATCH or DELETE");
        }
        URI target = null;
        if (f.isValid()) {
            try {
                target = URI.create("http://" + (proxyHost.contains(":") ? "[" + proxyHost + "]" : proxyHost) + ":"
                        + proxyPort.getAsInt() + path);
            } catch (IllegalArgumentException e) {
                f.error("path", "not a valid path (" + e.getMessage() + "): escape other characters as %XX");
            }
        }
        String requestId = "playground-" + UUID.randomUUID();
        HttpRequest.Builder b = HttpRequest.newBuilder().timeout(TIMEOUT).header("x-request-id", requestId);
        JsonNode headers = in.path("headers");
        if (!headers.isMissingNode() && !headers.isNull() && !headers.isObject()) {
            f.error("headers", "expected an object of header names to values");
        }
        headers.properties().forEach(e -> {
            String name = e.getKey();
            if (!TOKEN.matcher(name).matches() || REFUSED.contains(name.toLowerCase(Locale.ROOT)) || !e.getValue().isValueNode()
                    || e.getValue().asText().chars().anyMatch(c -> (c < 0x20 && c != '\t') || c > 0x7e)) {
                f.error("headers." + name, "not a header the playground can send (names: letters, digits and !#$%&'*+.^_`|~-; "
                        + "values: printable ASCII; not Host, Content-Length or hop-by-hop headers)");
            } else if (!name.equalsIgnoreCase("x-request-id")) {
                b.header(name, e.getValue().asText());
            }
        });
        JsonNode body = in.path("body");
        byte[] bytes = body.isMissingNode() || body.isNull() ? new byte[0]
                : body.isTextual() ? body.asText().getBytes(StandardCharsets.UTF_8) : EntityJson.mapper().writeValueAsBytes(body);
        if (bytes.length > 0 && !headers.has("content-type") && !headers.has("Content-Type")) {
            b.header("content-type", "application/json");
        }
        f.throwIfInvalid();
        b.uri(target).method(method, bytes.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));

        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(HeaderValues.create("X-Accel-Buffering", "no"));
        long start = System.nanoTime();
        try (OutputStream out = res.outputStream()) {
            HttpResponse<InputStream> answer;
            try {
                answer = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                event(out, "failed", JsonNodeFactory.instance.objectNode().put("message", "the proxy did not answer: " + e.getMessage()));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            ObjectNode meta = JsonNodeFactory.instance.objectNode();
            meta.put("status", answer.statusCode());
            ObjectNode shown = meta.putObject("headers");
            answer.headers().map().forEach((k, v) -> {
                if (SHOWN.contains(k.toLowerCase(Locale.ROOT)) && !v.isEmpty()) {
                    shown.put(k.toLowerCase(Locale.ROOT), v.getFirst());
                }
            });
            event(out, "response", meta);
            long firstByte = -1;
            try (InputStream body2 = answer.body()) {
                byte[] buf = new byte[8192];
                // Bytes that are not UTF-8 become U+FFFD; a character split between reads waits for its end.
                var decoder = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE);
                java.nio.ByteBuffer carry = java.nio.ByteBuffer.allocate(buf.length + 8);
                java.nio.CharBuffer chars = java.nio.CharBuffer.allocate(buf.length + 8);
                for (int n; (n = body2.read(buf)) > 0; ) {
                    if (firstByte < 0) {
                        firstByte = System.nanoTime();
                    }
                    carry.put(buf, 0, n).flip();
                    chars.clear();
                    decoder.decode(carry, chars, false);
                    carry.compact();
                    chunk(out, chars.flip().toString());
                }
                carry.flip();
                chars.clear();
                decoder.decode(carry, chars, true);
                decoder.flush(chars);
                chunk(out, chars.flip().toString());
            }
            long end = System.nanoTime();
            ObjectNode done = JsonNodeFactory.instance.objectNode();
            done.put("latency_ms", (end - start) / 1_000_000.0);
            done.put("time_to_first_byte_ms", firstByte < 0 ? -1 : (firstByte - start) / 1_000_000.0);
            entry(requestId).ifPresent(e -> done.set("request", EntityJson.mapper().valueToTree(e.toMap())));
            event(out, "done", done);
        }
    }

    /** The request's live-log entry: written once the proxy finished it, a moment after the last byte. */
    private java.util.Optional<RequestEntry> entry(String requestId) {
        long deadline = System.nanoTime() + 1_000_000_000L;
        do {
            for (RequestEntry e : log.newest(RequestFilter.ALL, 200)) {
                if (requestId.equals(e.requestId())) {
                    return java.util.Optional.of(e);
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return java.util.Optional.empty();
            }
        } while (System.nanoTime() < deadline && log.enabled());
        return java.util.Optional.empty();
    }

    private static void chunk(OutputStream out, String text) throws IOException {
        if (!text.isEmpty()) {
            event(out, "chunk", JsonNodeFactory.instance.objectNode().put("text", text));
        }
    }

    private static void event(OutputStream out, String name, JsonNode data) throws IOException {
        out.write(("event: " + name + "\ndata: " + EntityJson.mapper().writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
