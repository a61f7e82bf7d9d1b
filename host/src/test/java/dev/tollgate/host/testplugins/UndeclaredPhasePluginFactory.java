package dev.tollgate.host.testplugins;

import java.util.Set;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.PluginConfig;

/** Test plugin {@code test-undeclared}: implements header_filter but declares only access, as a plugin author might forget. */
public final class UndeclaredPhasePluginFactory implements PluginFactory {
    @Override
    public String name() {
        return "test-undeclared";
    }

    @Override
    public int priority() {
        return 400;
    }

    @Override
    public String version() {
        return "0.0.1";
    }

    @Override
    public Set<Phase> phases() {
        return Set.of(Phase.ACCESS);
    }

    @Override
    public ConfigSchema configSchema() {
        return ConfigSchema.empty();
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new Forgetful();
    }

    static final class Forgetful implements Plugin {
        @Override
        public void access(PluginContext ctx) {
            ctx.upstreamRequest().setHeader("x-access", "ran");
        }

        @Override
        public void headerFilter(PluginContext ctx) {
            ctx.response().setHeader("x-header-filter", "ran");
        }
    }
}
