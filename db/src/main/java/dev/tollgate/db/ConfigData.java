package dev.tollgate.db;

import java.util.List;

/** Every configuration entity at one version, read in one transaction. */
public record ConfigData(
        long version,
        List<Service> services,
        List<Route> routes,
        List<Upstream> upstreams,
        List<Target> targets,
        List<Consumer> consumers,
        List<Credential> credentials,
        List<ConfiguredPlugin> plugins,
        List<ScriptPlugin> scriptPlugins,
        List<ModelPrice> modelPrices) {
    public ConfigData {
        services = List.copyOf(services);
        routes = List.copyOf(routes);
        upstreams = List.copyOf(upstreams);
        targets = List.copyOf(targets);
        consumers = List.copyOf(consumers);
        credentials = List.copyOf(credentials);
        plugins = List.copyOf(plugins);
        // A configuration saved before script plugins existed has none.
        scriptPlugins = scriptPlugins == null ? List.of() : List.copyOf(scriptPlugins);
        // Nor one saved before model prices existed.
        modelPrices = modelPrices == null ? List.of() : List.copyOf(modelPrices);
    }

    /** A configuration without model prices. */
    public ConfigData(long version, List<Service> services, List<Route> routes, List<Upstream> upstreams,
                      List<Target> targets, List<Consumer> consumers, List<Credential> credentials,
                      List<ConfiguredPlugin> plugins, List<ScriptPlugin> scriptPlugins) {
        this(version, services, routes, upstreams, targets, consumers, credentials, plugins, scriptPlugins, List.of());
    }

    public static ConfigData empty() {
        return new ConfigData(0, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
