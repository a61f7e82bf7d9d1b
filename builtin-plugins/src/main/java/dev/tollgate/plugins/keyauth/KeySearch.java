package dev.tollgate.plugins.keyauth;

import java.lang.System.Logger.Level;
import java.util.List;

import dev.tollgate.sdk.PluginContext;

/**
 * One request's search for its API key: for each key name in turn, the header, then the
 * query parameter, then (if enabled) the body field of that name; the first place holding the
 * name decides. Used once per request, so it may remember the parsed body.
 */
final class KeySearch {
    private final KeyAuthConfig config;
    private final PluginContext ctx;
    private BodyFields body;

    KeySearch(KeyAuthConfig config, PluginContext ctx) {
        this.config = config;
        this.ctx = ctx;
    }

    /** The key, and with {@code hide_credentials} its removal from the upstream request. */
    KeyLookup find() {
        for (String name : config.keyNames()) {
            KeyLookup lookup = lookup(name);
            if (lookup instanceof KeyLookup.Found && config.hideCredentials()) {
                hide(name);
            }
            if (!(lookup instanceof KeyLookup.Absent)) {
                return lookup;
            }
        }
        return KeyLookup.ABSENT;
    }

    private KeyLookup lookup(String name) {
        if (config.keyInHeader()) {
            KeyLookup lookup = KeyLookup.of(ctx.request().headers(name));
            if (!(lookup instanceof KeyLookup.Absent)) {
                return lookup;
            }
        }
        if (config.keyInQuery()) {
            KeyLookup lookup = KeyLookup.of(ctx.request().queryParameters().getOrDefault(name, List.of()));
            if (!(lookup instanceof KeyLookup.Absent)) {
                return lookup;
            }
        }
        return config.keyInBody() ? body().lookup(name) : KeyLookup.ABSENT;
    }

    // As Kong does, the name is stripped from every place, not only where the key was found:
    // the upstream must not see a second copy either.
    private void hide(String name) {
        ctx.upstreamRequest().removeHeader(name);
        ctx.upstreamRequest().removeQueryParameter(name);
        if (config.keyInBody() && body().contains(name)) {
            ctx.upstreamRequest().setBody(body().without(name));
        }
    }

    // Read only when needed: asking for the body makes the gateway buffer it.
    private BodyFields body() {
        if (body == null) {
            try {
                body = BodyFields.parse(ctx.request().header("content-type"), ctx.request().body());
            } catch (IllegalArgumentException e) {
                ctx.log().log(Level.INFO, "request body not searched for a key: " + e.getMessage());
                body = BodyFields.NONE;
            }
        }
        return body;
    }
}
