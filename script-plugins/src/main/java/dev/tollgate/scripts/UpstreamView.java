package dev.tollgate.scripts;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.tollgate.sdk.UpstreamRequest;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/** {@code ctx.upstream}: the request that goes upstream, as {@link UpstreamRequest}. */
final class UpstreamView extends JsObject {
    private static final List<String> KEYS = List.of("method", "setMethod", "path", "setPath", "rawQuery", "setRawQuery",
            "setQuery", "removeQuery", "header", "setHeader", "addHeader", "removeHeader", "setBody");

    private final UpstreamRequest upstream;

    UpstreamView(UpstreamRequest upstream) {
        super(KEYS);
        this.upstream = upstream;
    }

    @Override
    Object get(String key) {
        return switch (key) {
            case "method" -> upstream.method();
            case "setMethod" -> fn1(m -> { upstream.setMethod(m); return null; });
            case "path" -> upstream.path();
            case "setPath" -> fn1(p -> { upstream.setPath(p); return null; });
            case "rawQuery" -> upstream.rawQuery();
            case "setRawQuery" -> fn1(q -> { upstream.setRawQuery(q == null ? "" : q); return null; });
            case "setQuery" -> fn2(upstream::setQueryParameter);
            case "removeQuery" -> fn1(n -> { upstream.removeQueryParameter(n); return null; });
            case "header" -> fn1(n -> upstream.header(n).orElse(null));
            case "setHeader" -> fn2(upstream::setHeader);
            case "addHeader" -> fn2(upstream::addHeader);
            case "removeHeader" -> fn1(n -> { upstream.removeHeader(n); return null; });
            case "setBody" -> (ProxyExecutable) args -> {
                upstream.setBody(text(args).getBytes(StandardCharsets.UTF_8));
                return null;
            };
            default -> null;
        };
    }

    @Override
    boolean set(String key, Value value) {
        if (key.equals("path")) {
            upstream.setPath(value.asString());
            return true;
        }
        return false;
    }

    private static String text(Value[] args) {
        String s = JsValues.string(args, 0);
        return s == null ? "" : s;
    }
}
