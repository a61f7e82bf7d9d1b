package dev.tollgate.scripts;

import java.nio.charset.StandardCharsets;

import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.config.PluginConfig;
import org.graalvm.polyglot.Value;

/** One configured instance of a script plugin: each phase calls the script's function as {@code fn(ctx, config)}. */
final class JsPlugin implements Plugin {
    private final ContextPool pool;
    private final JsValues.ReadOnlyMap config;
    private final String name;

    JsPlugin(String name, ContextPool pool, PluginConfig config) {
        this.name = name;
        this.pool = pool;
        this.config = new JsValues.ReadOnlyMap(config.asMap());
    }

    @Override
    public void rewrite(PluginContext ctx) {
        run("rewrite", ctx);
    }

    @Override
    public void access(PluginContext ctx) {
        run("access", ctx);
    }

    @Override
    public void response(PluginContext ctx) {
        run("response", ctx);
    }

    @Override
    public void headerFilter(PluginContext ctx) {
        run("headerFilter", ctx);
    }

    /** The chunk goes in as text; a returned string replaces it, anything else leaves it alone. */
    @Override
    public byte[] bodyFilter(PluginContext ctx, byte[] chunk, boolean last) {
        return pool.call("bodyFilter", (Value out) -> out.isString() ? out.asString().getBytes(StandardCharsets.UTF_8) : chunk,
                new ContextView(ctx), new String(chunk, StandardCharsets.UTF_8), last);
    }

    @Override
    public void log(PluginContext ctx) {
        run("log", ctx);
    }

    private void run(String function, PluginContext ctx) {
        pool.call(function, ignored -> null, new ContextView(ctx), config);
    }

    @Override
    public String toString() {
        return "JsPlugin[" + name + "]";
    }
}
