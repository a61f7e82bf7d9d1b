package dev.tollgate.host.testplugins;

import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.PluginConfig;
import dev.tollgate.sdk.llm.LlmUsage;

/**
 * Test plugin {@code test-usage-log}: in the log phase, hands what {@code ctx.llm().usage()}
 * shows to {@link #SEEN}, so tests can check what a logging plugin sees of an AI call.
 */
public final class UsageLogPluginFactory implements PluginFactory {
    /** Every usage a log phase saw, oldest first. */
    public static final LinkedBlockingQueue<LlmUsage> SEEN = new LinkedBlockingQueue<>();

    @Override
    public String name() {
        return "test-usage-log";
    }

    @Override
    public int priority() {
        return 5;
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public Set<Phase> phases() {
        return Set.of(Phase.LOG);
    }

    @Override
    public ConfigSchema configSchema() {
        return ConfigSchema.empty();
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new Plugin() {
            @Override
            public void log(PluginContext ctx) {
                ctx.llm().usage().ifPresent(SEEN::add);
            }
        };
    }
}
