package dev.tollgate.sdk;

import java.util.Optional;
import java.util.Set;

import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * The service a plugin jar provides ({@code META-INF/services/PluginFactory}).
 * One factory per plugin name; the gateway creates one {@link Plugin} per configured instance.
 *
 * @since 0.1.0
 */
public interface PluginFactory {

    /** The plugin's name as operators write it ({@code key-auth}): lower-case letters, digits and '-'. Never derived from a class name. */
    String name();

    /** Higher runs first on the way in. See docs/plugin-sdk.md for the built-in priorities. */
    int priority();

    /** The plugin's version, shown by {@code GET /plugins/enabled}. */
    String version();

    /** The phases {@link Plugin} implements; the gateway calls only these. */
    Set<Phase> phases();

    /** The configuration's fields: types, defaults, descriptions and validation. */
    ConfigSchema configSchema();

    /**
     * A plugin instance for a configuration the schema has validated. Called when the
     * configuration changes, never per request; may throw {@link IllegalArgumentException} for a
     * configuration the schema cannot express as invalid.
     */
    Plugin create(PluginConfig config);

    /** The credential kind this plugin authenticates with, if any ({@code key-auth} keys, ...). */
    default Optional<CredentialType> credentialType() {
        return Optional.empty();
    }

    /**
     * True when the plugin reads the requests' timelines ({@code ctx.totals().timeline()}, a
     * tracing plugin): while a configuration has such a plugin, the gateway times every plugin
     * phase of its requests. False by default: timing costs a little on every call.
     *
     * @since 0.2.0
     */
    default boolean recordsTimeline() {
        return false;
    }
}
