package com.example.hello;

import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;

/** Adds {@code X-Hello} to the upstream request and to the client's response. */
final class HelloPlugin implements Plugin {
    private final String greeting;
    private final boolean toUpstream;

    HelloPlugin(String greeting, boolean toUpstream) {
        this.greeting = greeting;
        this.toUpstream = toUpstream;
    }

    @Override
    public void access(PluginContext ctx) {
        if (toUpstream) {
            ctx.upstreamRequest().setHeader("X-Hello", greeting);
        }
    }

    @Override
    public void headerFilter(PluginContext ctx) {
        ctx.response().setHeader("X-Hello", greeting);
    }
}
