package dev.tollgate.scripts;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tollgate.sdk.ClientResponse;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/** {@code ctx.response}: the client's response, as {@link ClientResponse}. */
final class ResponseView extends JsObject {
    private static final List<String> KEYS = List.of("exit", "exited", "status", "setBody", "header", "setHeader",
            "addHeader", "removeHeader");

    private final ClientResponse response;

    ResponseView(ClientResponse response) {
        super(KEYS);
        this.response = response;
    }

    @Override
    Object get(String key) {
        return switch (key) {
            case "exit" -> (ProxyExecutable) this::exit;
            case "exited" -> response.exited();
            case "status" -> response.status();
            case "setBody" -> (ProxyExecutable) args -> {
                String body = JsValues.string(args, 0);
                response.setBody((body == null ? "" : body).getBytes(StandardCharsets.UTF_8));
                return null;
            };
            case "header" -> fn1(n -> response.header(n).orElse(null));
            case "setHeader" -> fn2(response::setHeader);
            case "addHeader" -> fn2(response::addHeader);
            case "removeHeader" -> fn1(n -> { response.removeHeader(n); return null; });
            default -> null;
        };
    }

    /** {@code exit(status, body?, headers?)}: body a string (sent as is) or a value (sent as JSON). */
    private Object exit(Value... args) {
        int status = JsValues.integer(args, 0, "exit(status, body, headers): status");
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("exit(status, ...): status " + status + " (expected: 200-599)");
        }
        Object body = args.length > 1 ? JsValues.toJava(args[1]) : null;
        Map<String, String> headers = new LinkedHashMap<>();
        if (args.length > 2 && !args[2].isNull()) {
            if (!(JsValues.toJava(args[2]) instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("exit(status, body, headers): headers must be an object");
            }
            map.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
        }
        response.exit(status, body, headers);
        return null;
    }
}
