package dev.tollgate.host.testplugins;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.PluginConfig;

/** Test plugin {@code test-response}: sees the whole response body and replaces it with a summary. */
public final class ResponsePluginFactory implements PluginFactory {
    @Override
    public String name() {
        return "test-response";
    }

    @Override
    public int priority() {
        return 300;
    }

    @Override
    public String version() {
        return "0.0.1";
    }

    @Override
    public Set<Phase> phases() {
        return Set.of(Phase.RESPONSE);
    }

    @Override
    public ConfigSchema configSchema() {
        return ConfigSchema.empty();
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new Plugin() {
            @Override
            public void response(PluginContext ctx) {
                byte[] body = ctx.upstreamResponse().body().orElseThrow();
                String text = new String(body, StandardCharsets.UTF_8);
                ctx.response().setHeader("X-Original-Length", Integer.toString(body.length));
                ctx.response().setBody(("{\"summary\":\"" + (text.contains("[DONE]") ? "stream" : "json") + "\",\"bytes\":"
                        + body.length + "}").getBytes(StandardCharsets.UTF_8));
            }
        };
    }
}
