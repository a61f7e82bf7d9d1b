package dev.tollgate.scripts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tollgate.sdk.ContextKey;
import dev.tollgate.sdk.PluginContext;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * {@code ctx.shared}: {@code get(name)} / {@code put(name, value)} for one request, shared by the
 * JavaScript plugins of that request and across their phases. Values are copied to plain Java
 * on put, because the next phase may run in another context.
 */
final class SharedView extends JsObject {
    @SuppressWarnings({"unchecked", "rawtypes"})
    static final ContextKey<Map<String, Object>> KEY = (ContextKey) ContextKey.of("js-shared", Map.class);
    private static final List<String> KEYS = List.of("get", "put");

    private final PluginContext ctx;

    SharedView(PluginContext ctx) {
        super(KEYS);
        this.ctx = ctx;
    }

    @Override
    Object get(String key) {
        return switch (key) {
            case "get" -> fn1(name -> JsValues.toJs(ctx.get(KEY).map(m -> m.get(name)).orElse(null)));
            case "put" -> (ProxyExecutable) args -> {
                String name = JsValues.string(args, 0);
                Object value = args.length > 1 ? JsValues.toJava(args[1]) : null;
                Map<String, Object> map = ctx.get(KEY).orElse(null);
                if (map == null) {
                    map = new HashMap<>();
                    ctx.put(KEY, map);
                }
                map.put(name, value);
                return null;
            };
            default -> null;
        };
    }
}
