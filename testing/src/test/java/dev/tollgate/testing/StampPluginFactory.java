package dev.tollgate.testing;

import java.util.Set;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/** A plugin on the test class path, as a plugin project's own is: stamps the upstream request and logs. */
public final class StampPluginFactory implements PluginFactory {
    @Override
    public String name() {
        return "test-stamp";
    }

    @Override
    public int priority() {
        return 700;
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public Set<Phase> phases() {
        return Set.of(Phase.ACCESS);
    }

    @Override
    public ConfigSchema configSchema() {
        return ConfigSchema.builder()
                .field(Field.string("stamp").required().description("The X-Stamp header's value."))
                .build();
    }

    @Override
    public Plugin create(PluginConfig config) {
        String stamp = config.string("stamp").orElseThrow();
        return new Plugin() {
            @Override
            public void access(PluginContext ctx) {
                ctx.upstreamRequest().setHeader("X-Stamp", stamp);
                ctx.log().log(System.Logger.Level.INFO, "stamped " + ctx.request().path());
            }
        };
    }
}
