package dev.tollgate.sdk.spi;

/**
 * A plugin whose phase methods hand each call to a script ({@link PluginSource}): it implements
 * every method of {@link dev.tollgate.sdk.Plugin}, and its factory's
 * {@link dev.tollgate.sdk.PluginFactory#phases()} says which ones the script has. The gateway's
 * check that a plugin implements no phase it did not declare
 * ({@link dev.tollgate.sdk.PhaseRules#undeclared}) leaves it out.
 */
public interface ScriptedPlugin {
}
