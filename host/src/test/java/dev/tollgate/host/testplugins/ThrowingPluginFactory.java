package dev.tollgate.host.testplugins;

import java.util.Set;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/** Test plugin {@code test-throw}: throws in the configured phase. */
public final class ThrowingPluginFactory implements PluginFactory {
    @Override
    public String name() {
        return "test-throw";
    }

    @Override
    public int priority() {
        return 500;
    }

    @Override
    public String version() {
        return "0.0.1";
    }

    @Override
    public Set<Phase> phases() {
        return Set.of(Phase.REWRITE, Phase.ACCESS, Phase.HEADER_FILTER, Phase.BODY_FILTER, Phase.LOG);
    }

    @Override
    public ConfigSchema configSchema() {
        return ConfigSchema.builder()
                .field(Field.string("phase").oneOf("rewrite", "access", "header_filter", "body_filter", "log")
                        .required().description("The phase to throw in."))
                .build();
    }

    @Override
    public Plugin create(PluginConfig config) {
        String phase = config.string("phase").orElseThrow();
        return new Plugin() {
            private void maybeThrow(String now) {
                if (now.equals(phase)) {
                    throw new IllegalStateException("test-throw: boom in " + now);
                }
            }

            @Override
            public void rewrite(PluginContext ctx) {
                maybeThrow("rewrite");
            }

            @Override
            public void access(PluginContext ctx) {
                maybeThrow("access");
            }

            @Override
            public void headerFilter(PluginContext ctx) {
                maybeThrow("header_filter");
            }

            @Override
            public byte[] bodyFilter(PluginContext ctx, byte[] chunk, boolean last) {
                maybeThrow("body_filter");
                return chunk;
            }

            @Override
            public void log(PluginContext ctx) {
                maybeThrow("log");
            }
        };
    }
}
