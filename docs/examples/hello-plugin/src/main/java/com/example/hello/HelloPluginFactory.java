package com.example.hello;

import java.util.Set;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/** {@code hello-header}: greets the upstream and the client with a header. */
public final class HelloPluginFactory implements PluginFactory {
    static final String VERSION = "1.0.0";

    private static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.string("greeting").defaultValue("hello").description("Text of the X-Hello header."))
            .field(Field.bool("to_upstream").defaultValue(true).description("Also send X-Hello to the upstream."))
            .build();

    @Override
    public String name() {
        return "hello-header";
    }

    @Override
    public int priority() {
        return 700; // after authentication and limits
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public Set<Phase> phases() {
        return Set.of(Phase.ACCESS, Phase.HEADER_FILTER);
    }

    @Override
    public ConfigSchema configSchema() {
        return SCHEMA;
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new HelloPlugin(config.string("greeting").orElseThrow() + " (v" + VERSION + ")", config.bool("to_upstream"));
    }
}
