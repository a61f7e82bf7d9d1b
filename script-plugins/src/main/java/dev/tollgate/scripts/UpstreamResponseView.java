package dev.tollgate.scripts;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.tollgate.sdk.UpstreamResponse;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/** {@code ctx.upstreamResponse}: the upstream's answer, as {@link UpstreamResponse}. */
final class UpstreamResponseView extends JsObject {
    private static final List<String> KEYS = List.of("status", "header", "headers", "latencyMillis", "body");

    private final UpstreamResponse response;

    UpstreamResponseView(UpstreamResponse response) {
        super(KEYS);
        this.response = response;
    }

    @Override
    Object get(String key) {
        return switch (key) {
            case "status" -> response.status();
            case "header" -> fn1(n -> response.header(n).orElse(null));
            case "headers" -> JsValues.toJs(response.headers());
            case "latencyMillis" -> response.latencyMillis();
            // null when the gateway did not buffer the response (no plugin declared the response phase)
            case "body" -> (ProxyExecutable) args -> response.body()
                    .map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
            default -> null;
        };
    }
}
