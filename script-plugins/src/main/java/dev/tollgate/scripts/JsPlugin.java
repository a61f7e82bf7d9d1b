package dev.tollgate.scripts;

import java.nio.charset.StandardCharsets;

import dev.tollgate.sdk.ContextKey;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.spi.ScriptedPlugin;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.config.PluginConfig;
import org.graalvm.polyglot.Value;

/** One configured instance of a script plugin: each phase calls the script's function as {@code fn(ctx, config)}. */
final class JsPlugin implements Plugin, ScriptedPlugin {
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

    /** Bytes of a character split across chunks, held for this instance's next chunk of the request. */
    private final ContextKey<byte[]> carryKey = ContextKey.of("script-plugins.utf8-carry", byte[].class);

    /**
     * The chunk goes in as text; a returned string replaces it, anything else leaves it alone.
     * A character whose bytes straddle two chunks is held back and handed over whole with the
     * next chunk, so the script never sees (or writes back) half a character.
     */
    @Override
    public byte[] bodyFilter(PluginContext ctx, byte[] chunk, boolean last) {
        byte[] carry = ctx.get(carryKey).orElse(null);
        byte[] data = carry == null ? chunk : concat(carry, chunk);
        int whole = last ? data.length : completeUtf8(data);
        byte[] now = whole == data.length ? data : java.util.Arrays.copyOf(data, whole);
        if (carry != null || whole != data.length) {
            ctx.put(carryKey, whole == data.length ? null : java.util.Arrays.copyOfRange(data, whole, data.length));
        }
        return pool.call("bodyFilter", (Value out) -> out.isString() ? out.asString().getBytes(StandardCharsets.UTF_8) : now,
                new ContextView(ctx), new String(now, StandardCharsets.UTF_8), last);
    }

    /** The length of {@code data} up to the start of a trailing, incomplete UTF-8 sequence. */
    static int completeUtf8(byte[] data) {
        for (int back = 1; back <= Math.min(3, data.length); back++) {
            int b = data[data.length - back] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue; // a continuation byte: the lead is further back
            }
            int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? data.length - back : data.length;
        }
        return data.length;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
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
