package dev.tollgate.host.plugins;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

import dev.tollgate.db.ScriptPlugin;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.spi.PluginLoadException;
import dev.tollgate.sdk.spi.PluginSource;
import dev.tollgate.host.config.DataDirectory;
import dev.tollgate.trial.PluginTrial;
import dev.tollgate.trial.TrialReport;
import dev.tollgate.trial.TrialRequest;

/**
 * Script plugins stored in the configuration (uploaded through the Admin API): compiled when
 * they first appear or change, kept while they do not, so every node runs what the store holds.
 */
public final class StoredScripts {
    private static final System.Logger LOG = System.getLogger(StoredScripts.class.getName());

    private record Compiled(String source, List<PluginFactory> factories) {}

    private final Path dir;
    private final Optional<PluginSource> javascript;
    private final Map<String, Compiled> byId = new HashMap<>();

    public StoredScripts(Path dir, ClassLoader host) {
        this.dir = dir;
        PluginSource js = null;
        for (PluginSource s : ServiceLoader.load(PluginSource.class, host)) {
            if (s.fileSuffix().equals(".js")) {
                js = s;
            }
        }
        this.javascript = Optional.ofNullable(js);
    }

    /**
     * Compiles {@code source} as plugin {@code name} would be, without keeping it: what the
     * Admin API checks before storing.
     *
     * @throws PluginLoadException naming the line and column of the problem
     */
    public List<PluginFactory> check(String name, String source) throws PluginLoadException {
        List<PluginFactory> factories = compile(name, source);
        factories.forEach(f -> {
            if (f instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // a check's throwaway
                }
            }
        });
        return factories;
    }

    /** True when plugin {@code name} comes from a script stored in the configuration. */
    public synchronized boolean stores(String name) {
        return byId.values().stream().anyMatch(c -> c.factories().stream().anyMatch(f -> f.name().equals(name)));
    }

    /** The factories of every stored script, compiling the new and the changed ones. */
    public synchronized List<PluginFactory> sync(List<ScriptPlugin> stored) {
        Map<String, Compiled> next = new HashMap<>();
        for (ScriptPlugin s : stored) {
            Compiled before = byId.get(s.id());
            if (before != null && before.source().equals(s.source())) {
                next.put(s.id(), before);
                continue;
            }
            try {
                next.put(s.id(), new Compiled(s.source(), compile(s.name(), s.source())));
                LOG.log(Level.INFO, "script plugin " + s.name() + " loaded from the configuration");
            } catch (PluginLoadException e) {
                // Checked when stored, so only a runtime difference between nodes gets here.
                LOG.log(Level.ERROR, "script plugin " + e.getMessage());
                if (before != null) {
                    next.put(s.id(), before);
                }
            }
        }
        byId.clear();
        byId.putAll(next);
        List<PluginFactory> all = new ArrayList<>();
        byId.values().forEach(c -> all.addAll(c.factories()));
        return all;
    }

    /** Trials run at once; more wait, then are refused (each holds a compiled script and a thread). */
    private final java.util.concurrent.BlockingQueue<Path> trialSlots = new java.util.concurrent.ArrayBlockingQueue<>(2,
            false, List.of(Path.of("trial-1"), Path.of("trial-2")));

    /**
     * Compiles {@code source} without storing or deploying it and runs its phases on
     * {@code request} in memory ({@link PluginTrial}); the compiled script is thrown away after.
     *
     * @throws PluginLoadException naming the line and column when it does not compile
     * @throws IllegalStateException when two trials are running already and neither ends within 10 s
     */
    public TrialReport trial(String name, String source, Map<String, Object> config, TrialRequest request) throws PluginLoadException {
        Path slot;
        try {
            slot = trialSlots.poll(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        if (slot == null) {
            throw new IllegalStateException("two test-runs are running already; try again in a moment");
        }
        try {
            List<PluginFactory> factories = compileIn(dir.resolve(slot), name, source);
            try {
                return PluginTrial.run(factories.getFirst(), request, config);
            } finally {
                for (PluginFactory f : factories) {
                    if (f instanceof AutoCloseable c) {
                        try {
                            c.close();
                        } catch (Exception ignored) {
                            // a trial's throwaway
                        }
                    }
                }
            }
        } finally {
            trialSlots.add(slot);
        }
    }

    private List<PluginFactory> compile(String name, String source) throws PluginLoadException {
        return compileIn(dir, name, source);
    }

    private List<PluginFactory> compileIn(Path into, String name, String source) throws PluginLoadException {
        PluginSource js = javascript.orElseThrow(() -> new PluginLoadException(Path.of(name + ".js"),
                "no JavaScript runtime on this node"));
        try {
            DataDirectory.createPrivate(dir);
            DataDirectory.createPrivate(into);
            Path file = into.resolve(name + ".js");
            Files.writeString(file, source, StandardCharsets.UTF_8);
            return js.load(file);
        } catch (IOException e) {
            throw new PluginLoadException(Path.of(name + ".js"), "cannot write the script: " + e.getMessage());
        }
    }
}
