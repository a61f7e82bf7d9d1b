package dev.tollgate.host.testplugins;

import java.util.Set;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/** Test plugin {@code test-chat}: prepends a system message through the chat view, or only reads it. */
public final class ChatPluginFactory implements PluginFactory {
    @Override
    public String name() {
        return "test-chat";
    }

    @Override
    public int priority() {
        return 772;
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
        return ConfigSchema.builder()
                .field(Field.string("system").description("System message to prepend; absent: only read the request."))
                .build();
    }

    @Override
    public Plugin create(PluginConfig config) {
        String system = config.string("system").orElse(null);
        return new Plugin() {
            @Override
            public void access(PluginContext ctx) {
                ctx.llm().request().ifPresent(chat -> {
                    ctx.upstreamRequest().setHeader("X-Chat-Messages", Integer.toString(chat.messages().size()));
                    if (system != null) {
                        chat.addMessage(0, "system", system);
                    }
                });
            }
        };
    }
}
