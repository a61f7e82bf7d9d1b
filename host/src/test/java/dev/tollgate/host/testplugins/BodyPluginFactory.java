package dev.tollgate.host.testplugins;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * Test plugins for the upstream body and the client's status: {@code test-body} (priority 900,
 * before the chat plugins) replaces the upstream body with {@code config.set};
 * {@code test-body-low} (priority 700, after them) copies the body as it stands into the
 * upstream header {@code X-Upstream-Body}; with {@code config.status}, either sets the client's
 * status in the response phase.
 */
public class BodyPluginFactory implements PluginFactory {
    private final String name;
    private final int priority;

    public BodyPluginFactory() {
        this("test-body", 900);
    }

    BodyPluginFactory(String name, int priority) {
        this.name = name;
        this.priority = priority;
    }

    /** {@code test-body-low}: the same plugin after the chat plugins. */
    public static final class Low extends BodyPluginFactory {
        public Low() {
            super("test-body-low", 700);
        }
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
        return Set.of(Phase.ACCESS, Phase.RESPONSE);
    }

    @Override
    public ConfigSchema configSchema() {
        return ConfigSchema.builder()
                .field(Field.string("set").description("The body to send upstream instead."))
                .field(Field.integer("status").description("The status the client gets instead of the upstream's."))
                .build();
    }

    @Override
    public Plugin create(PluginConfig config) {
        String set = config.string("set").orElse(null);
        int status = config.integer("status").orElse(0L).intValue();
        return new Plugin() {
            @Override
            public void access(PluginContext ctx) {
                if (set != null) {
                    ctx.upstreamRequest().setBody(set.getBytes(StandardCharsets.UTF_8));
                } else {
                    ctx.upstreamRequest().setHeader("X-Upstream-Body",
                            new String(ctx.upstreamRequest().body(), StandardCharsets.UTF_8));
                }
            }

            @Override
            public void response(PluginContext ctx) {
                if (status != 0) {
                    ctx.response().setStatus(status);
                }
            }
        };
    }
}
