package dev.tollgate.plugins.requesttransformer;

import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.PluginConfig;

/** Provides {@code request-transformer}: Kong's rules that change headers, query string, body and path upstream. */
public final class RequestTransformerPluginFactory extends BuiltinPluginFactory {
    static final String NAME = "request-transformer";
    // Kong's number: after authentication and limits, so they see the request as the client sent it.
    static final int PRIORITY = 801;

    public RequestTransformerPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.ACCESS), RequestTransformerConfig.SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new RequestTransformerPlugin(RequestTransformerConfig.from(config));
    }
}
