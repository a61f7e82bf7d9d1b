package dev.tollgate.host.snapshot;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.db.ConfigData;
import dev.tollgate.db.Service;
import dev.tollgate.db.Target;
import dev.tollgate.db.Upstream;
import dev.tollgate.host.plugins.IdentityDirectory;
import dev.tollgate.host.plugins.PluginIndex;
import dev.tollgate.host.plugins.PluginRegistry;
import dev.tollgate.host.plugins.SharedServices;
import dev.tollgate.host.router.RouteMatcher;
import dev.tollgate.host.usage.PriceTable;

/**
 * The configuration one request is served from: immutable, built off the request path and
 * swapped atomically. Nothing here touches the database.
 */
public final class ConfigSnapshot {
    private final ConfigData data;
    private final RouteMatcher router;
    private final Map<String, Service> servicesById;
    private final Map<String, UpstreamBalancer> upstreamsByName;
    private final PluginIndex plugins;
    private final IdentityDirectory identities;
    private final PriceTable prices;

    private ConfigSnapshot(ConfigData data, RouteMatcher router, Map<String, Service> servicesById,
                           Map<String, UpstreamBalancer> upstreamsByName, PluginIndex plugins, IdentityDirectory identities,
                           PriceTable prices) {
        this.data = data;
        this.router = router;
        this.servicesById = servicesById;
        this.upstreamsByName = upstreamsByName;
        this.plugins = plugins;
        this.identities = identities;
        this.prices = prices;
    }

    /** A snapshot without plugins (tests of routing and balancing). */
    public static ConfigSnapshot build(ConfigData data) {
        return build(data, PluginRegistry.of(List.of()), new SharedServices(java.time.Clock.systemUTC()));
    }

    /** Compiles routes, balancers and plugin instances; nothing here runs per request. */
    public static ConfigSnapshot build(ConfigData data, PluginRegistry registry, SharedServices services) {
        return build(data, registry, services, PluginIndex.empty());
    }

    /** As {@link #build(ConfigData, PluginRegistry, SharedServices)}, reusing unchanged plugin instances of {@code previous}. */
    public static ConfigSnapshot build(ConfigData data, PluginRegistry registry, SharedServices services,
                                       PluginIndex previous) {
        Map<String, Service> servicesById = new HashMap<>();
        data.services().forEach(s -> servicesById.put(s.id(), s));
        Map<String, List<UpstreamBalancer.Weighted>> byUpstream = new HashMap<>();
        for (Target t : data.targets()) {
            byUpstream.computeIfAbsent(t.upstream().id(), k -> new java.util.ArrayList<>())
                    .add(new UpstreamBalancer.Weighted(TargetAddress.parse(t.target()), t.weight()));
        }
        Map<String, UpstreamBalancer> upstreams = new HashMap<>();
        for (Upstream u : data.upstreams()) {
            upstreams.put(u.name(), UpstreamBalancer.create(u.name(), u.hostHeader(), byUpstream.getOrDefault(u.id(), List.of())));
        }
        return new ConfigSnapshot(data, RouteMatcher.build(data.routes()), Map.copyOf(servicesById), Map.copyOf(upstreams),
                PluginIndex.build(data.plugins(), registry, services, previous), IdentityDirectory.build(data),
                PriceTable.of(data.modelPrices()));
    }

    public static ConfigSnapshot empty() {
        return build(ConfigData.empty());
    }

    public long version() {
        return data.version();
    }

    public ConfigData data() {
        return data;
    }

    public RouteMatcher router() {
        return router;
    }

    public PluginIndex plugins() {
        return plugins;
    }

    public IdentityDirectory identities() {
        return identities;
    }

    /** The model prices, for the cost of a usage record: {@code prices().find(provider, model)}. */
    public PriceTable prices() {
        return prices;
    }

    public Optional<Service> service(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(servicesById.get(id));
    }

    /** The upstream a service's host names, when it names one. */
    public Optional<UpstreamBalancer> upstream(String host) {
        return Optional.ofNullable(upstreamsByName.get(host));
    }
}
