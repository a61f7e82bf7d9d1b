package dev.tollgate.host.testplugins;

import java.util.Set;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * Test plugin {@code test-tag}: appends its configured tag to the upstream header
 * {@code X-Tags} and the response header {@code X-Tags-Out}, so tests can see which
 * instance ran and in what order.
 */
public final class TagPluginFactory implements PluginFactory {
    private final String name;
    private final int priority;

    public TagPluginFactory() {
        this("test-tag", 800);
    }

    TagPluginFactory(String name, int priority) {
        this.name = name;
        this.priority = priority;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public String version() {
        return "0.0.1";
    }

    @Override
    public Set<Phase> phases() {
        return Set.of(Phase.ACCESS, Phase.HEADER_FILTER);
    }

    @Override
    public ConfigSchema configSchema() {
        return ConfigSchema.builder()
                .field(Field.string("tag").required().description("What this instance adds to X-Tags."))
                .build();
    }

    @Override
    public Plugin create(PluginConfig config) {
        String tag = config.string("tag").orElseThrow();
        return new Plugin() {
            @Override
            public void access(PluginContext ctx) {
                ctx.upstreamRequest().addHeader("X-Tags", tag);
            }

            @Override
            public void headerFilter(PluginContext ctx) {
                ctx.response().addHeader("X-Tags-Out", tag);
            }
        };
    }

    /** Same plugin under another name and a lower priority, to test ordering. */
    public static final class Low implements PluginFactory {
        private final TagPluginFactory delegate = new TagPluginFactory("test-tag-low", 100);

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public int priority() {
            return delegate.priority();
        }

        @Override
        public String version() {
            return delegate.version();
        }

        @Override
        public Set<Phase> phases() {
            return delegate.phases();
        }

        @Override
        public ConfigSchema configSchema() {
            return delegate.configSchema();
        }

        @Override
        public Plugin create(PluginConfig config) {
            return delegate.create(config);
        }
    }
}
