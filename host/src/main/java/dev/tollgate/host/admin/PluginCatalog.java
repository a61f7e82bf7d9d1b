package dev.tollgate.host.admin;

import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import dev.tollgate.host.plugins.PluginJars.LoadProblem;
import dev.tollgate.host.plugins.PluginRegistry;
import dev.tollgate.sdk.PluginFactory;

/**
 * What the Admin API knows of this node's plugins: the registry (built-ins, plugin files and
 * stored scripts), a way to look at the plugins directory again now, and the files that did
 * not load.
 *
 * @param registry every plugin this node can run
 * @param rescan   looks at the plugins directory now; true when anything changed
 * @param problems plugin files whose current version did not load
 */
public record PluginCatalog(Supplier<PluginRegistry> registry, BooleanSupplier rescan, Supplier<List<LoadProblem>> problems,
                            java.util.function.Function<String, String> source) {

    /**
     * The plugin called {@code name}. One the registry does not know yet may be a file dropped
     * into the plugins directory a moment ago, before its next scan: the directory is looked at
     * once more before the answer is no.
     */
    public Optional<PluginFactory> find(String name) {
        Optional<PluginFactory> found = registry.get().find(name);
        if (found.isEmpty()) {
            rescan.getAsBoolean(); // the periodic scan may have been loading it meanwhile: look either way
            found = registry.get().find(name);
        }
        return found;
    }
}
