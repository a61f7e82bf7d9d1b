package dev.tollgate.host.plugins;

import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.tollgate.sdk.CredentialType;
import dev.tollgate.sdk.PluginFactory;

/**
 * The plugins this node can run, by name: the built-ins on the class path, found through
 * {@link ServiceLoader}. The host never names a plugin class.
 */
public final class PluginRegistry {
    private static final System.Logger LOG = System.getLogger(PluginRegistry.class.getName());
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final Map<String, PluginFactory> byName;

    private PluginRegistry(Map<String, PluginFactory> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** The factories visible to {@code loader}. A factory with a bad or duplicate name is skipped and logged. */
    public static PluginRegistry load(ClassLoader loader) {
        Map<String, PluginFactory> found = new TreeMap<>();
        for (PluginFactory f : ServiceLoader.load(PluginFactory.class, loader)) {
            if (!NAME.matcher(f.name()).matches()) {
                LOG.log(Level.ERROR, "plugin " + f.getClass().getName() + " skipped: name '" + f.name()
                        + "' (expected: lower-case letters, digits and '-')");
            } else if (found.containsKey(f.name())) {
                PluginFactory first = found.get(f.name());
                // Tollgate's own keep their names, whatever the class path order (a plugin under test beside them).
                PluginFactory kept = isTollgates(f) && !isTollgates(first) ? f : first;
                PluginFactory skipped = kept == f ? first : f;
                found.put(f.name(), kept);
                LOG.log(Level.ERROR, "plugin " + skipped.getClass().getName() + " skipped: name '" + f.name()
                        + "' is taken by " + kept.getClass().getName());
            } else {
                found.put(f.name(), f);
            }
        }
        return new PluginRegistry(found);
    }

    /** A plugin shipped with Tollgate (a built-in, or one of its own tests'). */
    static boolean isTollgates(PluginFactory f) {
        return f.getClass().getName().startsWith("dev.tollgate.");
    }

    /**
     * The built-ins plus plugins from jars. A jar plugin may not take a built-in's name: it is
     * skipped and logged.
     */
    public PluginRegistry with(List<PluginFactory> fromJars) {
        Map<String, PluginFactory> all = new TreeMap<>(byName);
        for (PluginFactory f : fromJars) {
            if (!NAME.matcher(f.name()).matches()) {
                LOG.log(Level.ERROR, "plugin " + f.getClass().getName() + " skipped: name '" + f.name() + "' is not valid");
            } else if (all.putIfAbsent(f.name(), f) != null) {
                LOG.log(Level.ERROR, "plugin " + f.getClass().getName() + " skipped: name '" + f.name() + "' is taken");
            }
        }
        return new PluginRegistry(all);
    }

    public static PluginRegistry of(List<PluginFactory> factories) {
        Map<String, PluginFactory> m = new TreeMap<>();
        factories.forEach(f -> m.put(f.name(), f));
        return new PluginRegistry(m);
    }

    public Optional<PluginFactory> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every plugin, by name. */
    public Collection<PluginFactory> all() {
        return new TreeMap<>(byName).values();
    }

    /** Credential kinds, by kind name. */
    public Map<String, CredentialType> credentialTypes() {
        Map<String, CredentialType> out = new TreeMap<>();
        for (PluginFactory f : byName.values()) {
            f.credentialType().ifPresent(t -> out.put(t.kind(), t));
        }
        return out;
    }

    /** Request-side order: higher priority first, ties by name. */
    public static final Comparator<PluginFactory> ORDER =
            Comparator.comparingInt(PluginFactory::priority).reversed().thenComparing(PluginFactory::name);
}
