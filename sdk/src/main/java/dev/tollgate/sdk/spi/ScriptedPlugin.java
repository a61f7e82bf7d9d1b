package dev.tollgate.sdk.spi;

import dev.tollgate.sdk.PhaseRules;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginFactory;

/**
 * A plugin whose phase methods hand each call to a script ({@link PluginSource}): it implements
 * every method of {@link Plugin}, and its factory's
 * {@link PluginFactory#phases()} says which ones the script has. The gateway's
 * check that a plugin implements no phase it did not declare
 * ({@link PhaseRules#undeclared}) leaves it out.
 *
 * @since 0.1.0
 */
public interface ScriptedPlugin {
}
