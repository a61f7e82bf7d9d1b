package dev.tollgate.plugins.aiproxy;

import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import dev.tollgate.plugins.aiproxy.BalancerConfig.Failure;
import dev.tollgate.plugins.llm.provider.ProviderRequest;
import io.helidon.common.tls.Tls;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;

/**
 * Sends provider requests over long-lived keep-alive clients, one per connect timeout, shared by
 * every ai-proxy instance so connection pools survive configuration changes.
 */
final class ProviderClient {
    private static final ConcurrentHashMap<Duration, WebClient> CLIENTS = new ConcurrentHashMap<>();

    private ProviderClient() {
    }

    /** A provider's answer whose body is still to be read; close it. */
    record Answer(int status, Map<String, List<String>> headers, HttpClientResponse response) implements AutoCloseable {
        InputStream body() {
            return response.inputStream();
        }

        @Override
        public void close() {
            response.close();
        }
    }

    /** An attempt that failed before an answer: how (for failover_criteria) and why. */
    static final class AttemptFailed extends RuntimeException {
        final Failure kind;

        AttemptFailed(Failure kind, String message, Throwable cause) {
            super(message, cause, false, false);
            this.kind = kind;
        }
    }

    static Answer send(ProviderRequest request, Duration connectTimeout, Duration readTimeout) {
        WebClient client = CLIENTS.computeIfAbsent(connectTimeout, ProviderClient::create);
        HttpClientRequest req = client.method(Method.create(request.method()))
                .uri(request.uri())
                .skipUriEncoding(true)
                .readTimeout(readTimeout)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .header(HeaderNames.ACCEPT, "application/json, text/event-stream");
        request.headers().forEach((name, value) -> req.header(HeaderNames.create(name), value));
        HttpClientResponse res;
        try {
            res = req.submit(request.body());
        } catch (RuntimeException e) {
            throw classify(request, e);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header h : res.headers()) {
            headers.computeIfAbsent(h.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).addAll(h.allValues());
        }
        return new Answer(res.status().code(), headers, res);
    }

    /** Whether a failure was a timeout or another error; the message names the host, never the credential. */
    static AttemptFailed classify(ProviderRequest request, Throwable e) {
        boolean timeout = false;
        for (Throwable c = e; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
            boolean connectFailure = c instanceof ConnectException || c instanceof UnknownHostException
                    || c instanceof NoRouteToHostException;
            if (!connectFailure && (c instanceof SocketTimeoutException || c instanceof TimeoutException
                    || m.contains("timed out") || m.contains("timeout"))) {
                timeout = true;
            }
        }
        String what = request.uri().getHost() + ":" + port(request) + ": "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        return new AttemptFailed(timeout ? Failure.TIMEOUT : Failure.ERROR, what, e);
    }

    private static int port(ProviderRequest request) {
        int p = request.uri().getPort();
        return p > 0 ? p : "https".equalsIgnoreCase(request.uri().getScheme()) ? 443 : 80;
    }

    private static WebClient create(Duration connectTimeout) {
        return WebClient.builder()
                .connectTimeout(connectTimeout)
                .followRedirects(false)
                .keepAlive(true)
                .socketOptions(o -> o.tcpNoDelay(true)) // small request writes go out at once
                .shareConnectionCache(false)
                .tls(Tls.builder().build())
                .build();
    }
}
