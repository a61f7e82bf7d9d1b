package dev.tollgate.plugins.responsetransformer;

import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.PluginConfig;

/** Provides {@code response-transformer}: Kong's rules that change response headers and JSON bodies. */
public final class ResponseTransformerPluginFactory extends BuiltinPluginFactory {
    static final String NAME = "response-transformer";
    // Kong's number. Response phases run in ascending priority, so the plugins above this one
    // (cors, the AI plugins) see the response as it left it.
    static final int PRIORITY = 800;

    public ResponseTransformerPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.HEADER_FILTER, Phase.BODY_FILTER), ResponseTransformerConfig.SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new ResponseTransformerPlugin(ResponseTransformerConfig.from(config));
    }
}
