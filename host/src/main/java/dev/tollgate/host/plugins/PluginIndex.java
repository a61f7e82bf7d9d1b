package dev.tollgate.host.plugins;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tollgate.db.ConfiguredPlugin;
import dev.tollgate.db.Ref;
import dev.tollgate.sdk.HostServices;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.PhaseRules;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.SchemaViolationException;

/**
 * The configured plugin instances of one snapshot, created once when the snapshot is built,
 * and Kong's precedence for picking the instance of each plugin that applies to a request.
 */
public final class PluginIndex {
    private static final System.Logger LOG = System.getLogger(PluginIndex.class.getName());

    /** One configured instance, ready to run, with its tagged logger and its scoped host services. */
    public record Instance(String id, PluginFactory factory, Plugin plugin, Set<Phase> phases,
                           System.Logger log, HostServices services) {
        public String name() {
            return factory.name();
        }

        /** True for a plugin a script runtime runs (JavaScript). */
        boolean scripted() {
            return plugin instanceof dev.tollgate.sdk.spi.ScriptedPlugin;
        }

        @Override
        public String toString() {
            return factory.name() + "@" + id;
        }
    }

    private record Scope(String serviceId, String routeId, String consumerId) {}

    /**
     * What an instance was built from: the same configuration and the same plugin make the same
     * instance. Compared by content, not by timestamp, so two writes in one second are told apart.
     */
    private record Origin(String id, Map<String, Object> config, String serviceId, String routeId, String consumerId,
                          PluginFactory factory) {
        static Origin of(ConfiguredPlugin p, PluginFactory factory) {
            return new Origin(p.id(), p.config(), Ref.idOf(p.service()), Ref.idOf(p.route()), Ref.idOf(p.consumer()), factory);
        }
    }

    private final List<PluginFactory> ordered;
    private final Map<String, Map<Scope, Instance>> byName;
    private final Map<Origin, Instance> byOrigin;
    /** Per route: the instances that apply before any consumer is known, computed on first use. */
    private final java.util.concurrent.ConcurrentHashMap<String, RoutePlan> plans = new java.util.concurrent.ConcurrentHashMap<>();
    /** Per plugin (in {@link #ordered} order): whether any instance is bound to a consumer. */
    private final boolean[] consumerScoped;

    private final PluginMetrics metrics;
    private final boolean recordsTimeline;

    private PluginIndex(List<PluginFactory> ordered, Map<String, Map<Scope, Instance>> byName, Map<Origin, Instance> byOrigin,
                        PluginMetrics metrics) {
        this.metrics = metrics;
        this.ordered = ordered;
        this.recordsTimeline = ordered.stream().anyMatch(PluginFactory::recordsTimeline);
        this.byName = byName;
        this.byOrigin = byOrigin;
        this.consumerScoped = new boolean[ordered.size()];
        for (int i = 0; i < ordered.size(); i++) {
            Map<Scope, Instance> scopes = byName.getOrDefault(ordered.get(i).name(), Map.of());
            consumerScoped[i] = scopes.keySet().stream().anyMatch(s -> s.consumerId() != null);
        }
    }

    /**
     * The instances of one route before a consumer is known, in {@link #ordered} order (null where
     * a plugin does not apply): computed once per route and snapshot, so requests resolve without
     * allocating.
     */
    public record RoutePlan(Instance[] withoutConsumer, boolean none) {
        /**
         * {@code none}: no plugin applies to the route, so none can run for its requests either,
         * since only a plugin (an authentication plugin) can name the consumer that a
         * consumer-scoped instance would need.
         */
        RoutePlan(Instance[] withoutConsumer) {
            this(withoutConsumer, java.util.Arrays.stream(withoutConsumer).allMatch(java.util.Objects::isNull));
        }
    }

    public RoutePlan plan(String routeId, String serviceId) {
        return plans.computeIfAbsent(routeId, r -> {
            Instance[] found = new Instance[ordered.size()];
            for (int i = 0; i < found.length; i++) {
                found[i] = resolve(ordered.get(i).name(), routeId, serviceId, null);
            }
            return new RoutePlan(found);
        });
    }

    /** The instance of the {@code index}-th plugin, given the plan and the consumer (null when none). */
    public Instance resolve(int index, RoutePlan plan, String routeId, String serviceId, String consumerId) {
        if (consumerId == null || !consumerScoped[index]) {
            return plan.withoutConsumer()[index];
        }
        return resolve(ordered.get(index).name(), routeId, serviceId, consumerId);
    }

    public static PluginIndex empty() {
        return new PluginIndex(List.of(), Map.of(), Map.of(), PluginMetrics.NONE);
    }

    /** True when some plugin of this configuration reads request timelines. */
    boolean recordsTimeline() {
        return recordsTimeline;
    }

    /** What the gateway records of these plugins' runs. */
    PluginMetrics metrics() {
        return metrics;
    }

    /** Every instance of this index. */
    public java.util.Collection<Instance> instances() {
        return byOrigin.values();
    }

    /** The instances of this index that {@code next} no longer uses: the ones to close. */
    public List<Instance> droppedBy(PluginIndex next) {
        java.util.Set<Instance> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        kept.addAll(next.byOrigin.values());
        return byOrigin.values().stream().filter(i -> !kept.contains(i)).toList();
    }

    public static PluginIndex build(List<ConfiguredPlugin> configured, PluginRegistry registry,
                                    SharedServices services) {
        return build(configured, registry, services, empty());
    }

    /**
     * Builds the instances of {@code configured}, reusing those of {@code previous} whose
     * entity and plugin have not changed, so a configuration change elsewhere does not restart
     * a plugin's threads or connections.
     */
    public static PluginIndex build(List<ConfiguredPlugin> configured, PluginRegistry registry,
                                    SharedServices services, PluginIndex previous) {
        Map<String, Map<Scope, Instance>> byName = new HashMap<>();
        Map<Origin, Instance> byOrigin = new HashMap<>();
        Map<String, PluginFactory> factories = new HashMap<>();
        for (ConfiguredPlugin p : configured) {
            if (!p.enabled()) {
                continue;
            }
            PluginFactory factory = registry.find(p.name()).orElse(null);
            Instance instance;
            if (factory == null) {
                // Fail closed: a missing auth plugin must not leave its routes open.
                LOG.log(Level.ERROR, "plugin " + p.name() + " (" + p.id() + ") is configured but not installed on this node;"
                        + " requests it applies to get 500");
                factory = new MissingPluginFactory(p.name());
                instance = new Instance(p.id(), factory, new BrokenPlugin(p.name()), Set.of(Phase.ACCESS),
                        System.getLogger("tollgate.plugin." + p.name()), services.scopedTo(p.id()));
            } else {
                Origin origin = Origin.of(p, factory);
                Instance reused = previous.byOrigin.get(origin);
                instance = reused != null ? reused : instantiate(p, factory, services);
                if (!(instance.plugin() instanceof BrokenPlugin)) {
                    byOrigin.put(origin, instance); // a broken one is tried again at the next build
                }
            }
            factories.putIfAbsent(factory.name(), factory);
            byName.computeIfAbsent(p.name(), k -> new HashMap<>()).put(
                    new Scope(Ref.idOf(p.service()), Ref.idOf(p.route()), Ref.idOf(p.consumer())), instance);
        }
        List<PluginFactory> ordered = new ArrayList<>(factories.values());
        ordered.sort(PluginRegistry.ORDER);
        return new PluginIndex(List.copyOf(ordered), byName, byOrigin, services.pluginMetrics());
    }

    private static Instance instantiate(ConfiguredPlugin p, PluginFactory factory, SharedServices services) {
        System.Logger log = System.getLogger("tollgate.plugin." + p.name());
        HostServices scoped = services.scopedTo(p.id());
        try {
            var config = factory.configSchema().validate(p.config());
            Plugin plugin = factory.create(config);
            Set<Phase> undeclared = PhaseRules.undeclared(factory.phases(), plugin.getClass());
            if (!undeclared.isEmpty()) {
                closeQuietly(plugin);
                LOG.log(Level.ERROR, "plugin " + p.name() + " " + factory.version() + " implements "
                        + undeclared.stream().map(PhaseRules::methodName).toList() + " but its factory's phases() "
                        + "does not declare " + undeclared + ", so the gateway would never call it: add the phase to "
                        + "phases() and rebuild; until then requests it applies to get 500");
                return new Instance(p.id(), factory, new BrokenPlugin(p.name()), Set.of(Phase.ACCESS), log, scoped);
            }
            return new Instance(p.id(), factory, plugin, Set.copyOf(factory.phases()), log, scoped);
        } catch (SchemaViolationException e) {
            LOG.log(Level.ERROR, "plugin " + p.name() + " (" + p.id() + ") has a configuration its schema refuses "
                    + e.errors() + "; requests it applies to get 500");
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: a class the plugin needs is missing from its jar (NoClassDefFoundError, ...)
            LOG.log(Level.ERROR, "plugin " + p.name() + " (" + p.id() + ") could not be created; requests it applies to get 500", e);
        }
        return new Instance(p.id(), factory, new BrokenPlugin(p.name()), Set.of(Phase.ACCESS), log, scoped);
    }

    /** True when no plugin is configured at all: the proxy can skip every phase. */
    public boolean isEmpty() {
        return ordered.isEmpty();
    }

    /** Plugin names in request-side order (priority descending). */
    public List<PluginFactory> ordered() {
        return ordered;
    }

    /**
     * The instance of plugin {@code name} for a request, by Kong's precedence: route+service+consumer,
     * route+consumer, service+consumer, route+service, consumer, route, service, global.
     */
    public Instance resolve(String name, String routeId, String serviceId, String consumerId) {
        Map<Scope, Instance> scopes = byName.get(name);
        if (scopes == null) {
            return null;
        }
        Instance i;
        if (consumerId != null) {
            if ((i = scopes.get(new Scope(serviceId, routeId, consumerId))) != null
                    || (i = scopes.get(new Scope(null, routeId, consumerId))) != null
                    || (i = scopes.get(new Scope(serviceId, null, consumerId))) != null) {
                return i;
            }
        }
        if ((i = scopes.get(new Scope(serviceId, routeId, null))) != null) {
            return i;
        }
        if (consumerId != null && (i = scopes.get(new Scope(null, null, consumerId))) != null) {
            return i;
        }
        if ((i = scopes.get(new Scope(null, routeId, null))) != null
                || (i = scopes.get(new Scope(serviceId, null, null))) != null) {
            return i;
        }
        return scopes.get(new Scope(null, null, null));
    }

    /** Stands in for an instance that could not be created: fails every request it applies to. */
    private record BrokenPlugin(String name) implements Plugin {
        @Override
        public void access(PluginContext ctx) {
            throw new IllegalStateException("plugin " + name + " is not usable on this node (see the log at start)");
        }
    }

    private static void closeQuietly(Plugin plugin) {
        try {
            plugin.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "closing a plugin that could not be used failed: " + e.getMessage());
        }
    }
}
