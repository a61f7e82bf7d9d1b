package dev.tollgate.commons.llm.call;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.RouteType;
import dev.tollgate.commons.llm.TokenUsage;
import dev.tollgate.commons.llm.provider.ModelTarget;
import dev.tollgate.commons.llm.provider.Provider;
import dev.tollgate.commons.llm.provider.ProviderRequest;
import dev.tollgate.upstream.Address;
import dev.tollgate.upstream.HeaderField;
import dev.tollgate.upstream.RequestContent;
import dev.tollgate.upstream.RequestHead;
import dev.tollgate.upstream.TlsSettings;
import dev.tollgate.upstream.UpstreamClient;
import dev.tollgate.upstream.UpstreamExchange;

/**
 * Sends provider requests over long-lived keep-alive clients, one per connect timeout, shared by
 * every AI plugin instance so connection pools survive configuration changes.
 */
public final class ProviderClient {
    /** How much of an error body is read: enough for any provider's error, not a hostile stream. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private static final ConcurrentHashMap<Duration, UpstreamClient> CLIENTS = new ConcurrentHashMap<>();

    private ProviderClient() {
    }

    /** A provider's answer whose body is still to be read; close it. */
    public record Answer(int status, Map<String, List<String>> headers, UpstreamExchange response) implements AutoCloseable {
        /** The body; read it to its end, or the connection is not reused. */
        public InputStream body() {
            return response.body();
        }

        @Override
        public void close() {
            response.close();
        }
    }

    /** An attempt that failed before an answer: how (for failover_criteria) and why. */
    public static final class AttemptFailed extends RuntimeException {
        public final CallFailure kind;

        AttemptFailed(CallFailure kind, String message, Throwable cause) {
            super(message, cause, false, false);
            this.kind = kind;
        }
    }

    public static Answer send(ProviderRequest request, Duration connectTimeout, Duration readTimeout) {
        UpstreamClient client = CLIENTS.computeIfAbsent(connectTimeout, t -> UpstreamClient.create(t, TlsSettings.DEFAULT));
        URI uri = request.uri();
        Address address = new Address(uri.getScheme(), uri.getHost(), port(request));
        Map<String, HeaderField> headers = new LinkedHashMap<>();
        headers.put("host", new HeaderField("Host", address.hostHeader()));
        headers.put("content-type", new HeaderField("Content-Type", "application/json"));
        headers.put("accept", new HeaderField("Accept", "application/json, text/event-stream"));
        request.headers().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), new HeaderField(name, value)));
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        UpstreamExchange res;
        try {
            res = client.send(address, new RequestHead(request.method(), target, List.copyOf(headers.values())),
                    RequestContent.of(request.body()), readTimeout);
        } catch (RuntimeException e) {
            throw classify(request, e);
        }
        Map<String, List<String>> answerHeaders = new LinkedHashMap<>();
        for (HeaderField h : res.headers()) {
            answerHeaders.computeIfAbsent(h.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(h.value());
        }
        return new Answer(res.status(), answerHeaders, res);
    }

    /** Whether a failure was a timeout or another error; the message names the host, never the credential. */
    public static AttemptFailed classify(ProviderRequest request, Throwable e) {
        boolean timeout = false;
        for (Throwable c = e; c != null; c = c.getCause()) {
            timeout |= c instanceof SocketTimeoutException || c instanceof TimeoutException;
        }
        String what = request.uri().getHost() + ":" + port(request) + ": "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        return new AttemptFailed(timeout ? CallFailure.TIMEOUT : CallFailure.ERROR, what, e);
    }

    /**
     * A provider's whole 2xx answer, read and translated.
     *
     * @param raw    the bytes as the provider sent them
     * @param openAi the answer in OpenAI's format
     * @param usage  the token counts the provider reported, when it did
     */
    public record WholeAnswer(byte[] raw, ObjectNode openAi, Optional<TokenUsage> usage) {
    }

    /**
     * Reads a 2xx answer whole (closing it) and translates it for {@code type}.
     *
     * @throws IOException              when the connection fails while reading
     * @throws IllegalArgumentException when the body is not a JSON object (or the provider's
     *                                  translation cannot read it)
     */
    public static WholeAnswer readWhole(Answer answer, Provider provider, RouteType type, ModelTarget target)
            throws IOException {
        byte[] raw;
        try (answer) {
            raw = answer.body().readAllBytes();
        }
        ObjectNode native_ = Json.parseObject(raw);
        ObjectNode openAi = provider.response(type, native_, target);
        return new WholeAnswer(raw, openAi, provider.usage(type, native_));
    }

    /** The OpenAI-shaped error for a non-2xx answer, read (up to 64 KiB) and closed. */
    public static ObjectNode errorOf(Answer answer, Provider provider) {
        byte[] body;
        try {
            body = answer.body().readNBytes(MAX_ERROR_BODY);
        } catch (IOException | RuntimeException e) {
            body = new byte[0];
        } finally {
            answer.close();
        }
        return provider.error(answer.status(), body);
    }

    private static int port(ProviderRequest request) {
        int p = request.uri().getPort();
        return p > 0 ? p : "https".equalsIgnoreCase(request.uri().getScheme()) ? 443 : 80;
    }
}
