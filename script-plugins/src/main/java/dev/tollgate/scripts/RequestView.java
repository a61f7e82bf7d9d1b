package dev.tollgate.scripts;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.tollgate.sdk.ClientRequest;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/** {@code ctx.request}: the client's request, read-only, as {@link ClientRequest}. */
final class RequestView extends JsObject {
    private static final List<String> KEYS = List.of("method", "scheme", "host", "path", "rawQuery", "query",
            "header", "headers", "clientIp", "body", "bodyLength");

    private final ClientRequest request;

    RequestView(ClientRequest request) {
        super(KEYS);
        this.request = request;
    }

    @Override
    Object get(String key) {
        return switch (key) {
            case "method" -> request.method();
            case "scheme" -> request.scheme();
            case "host" -> request.host().orElse(null);
            case "path" -> request.path();
            case "rawQuery" -> request.rawQuery();
            case "query" -> fn1(name -> request.query(name).orElse(null));
            case "header" -> fn1(name -> request.header(name).orElse(null));
            case "headers" -> JsValues.toJs(request.headers());
            case "clientIp" -> request.clientIp();
            // Reading the body may wait on a slow client: that time is not the script's.
            case "body" -> (ProxyExecutable) args -> new String(CallLease.offTheClock(request::body), StandardCharsets.UTF_8);
            // Bytes as sent: the declared length when there is one, so the log phase need not have the body.
            case "bodyLength" -> (ProxyExecutable) args -> request.header("content-length")
                    .flatMap(RequestView::parseLength).orElseGet(() -> (long) CallLease.offTheClock(request::body).length);
            default -> null;
        };
    }

    private static java.util.Optional<Long> parseLength(String value) {
        try {
            return java.util.Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }
}
