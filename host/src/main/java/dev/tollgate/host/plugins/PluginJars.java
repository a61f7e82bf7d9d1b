package dev.tollgate.host.plugins;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.spi.PluginLoadException;
import dev.tollgate.sdk.spi.PluginSource;

/**
 * Plugin files dropped into the plugins directory. A jar is copied aside (so overwriting the
 * file cannot corrupt classes already in use) and loaded in its own {@link PluginClassLoader};
 * other files go to the {@link PluginSource} for their ending ({@code .js}: the JavaScript
 * runtime). Each is loaded again when it changes; a new version that fails to load leaves the
 * previous one active, and its error is kept for {@code GET /plugins/enabled}. Requests in
 * flight keep the plugin they started with.
 *
 * <p>Two files may hold the same plugin ({@code team-1.0.0.jar} beside {@code team-2.0.0.jar},
 * as Maven names them): the higher version serves, and every hand-over is logged. A jar built
 * against a newer SDK than the gateway's (its manifest's {@code Tollgate-Sdk-Version}) is
 * refused with both versions named.
 */
public final class PluginJars implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PluginJars.class.getName());

    /** A file's state: what it provides, and why its current version did not load (null when it did). */
    private record Loaded(FileTime modified, long size, List<PluginFactory> factories, PluginClassLoader loader, Path copy,
                          String problem) {
        Loaded failed(FileTime modified, long size, String problem) {
            return new Loaded(modified, size, factories, loader, copy, problem);
        }
    }

    /** A plugin file whose current version did not load. */
    public record LoadProblem(String file, String message, boolean previousVersionActive) {}

    /** The file a plugin is served from, by plugin name: to log hand-overs between versions. */
    private record Served(PluginFactory factory, Path file) {}

    /** How long a replaced jar's classes stay loaded: as long as its plugin instances may still run. */
    private static final long RETIRE_AFTER_SECONDS = 660;

    private final Path dir;
    private final Path cache;
    private final JarLoader jars;
    /** Names a plugin file may not take: the built-ins'. */
    private final java.util.function.Predicate<String> reserved;
    private final Map<Path, Loaded> loaded = new HashMap<>();
    private final List<PluginSource> sources;
    private final ScheduledExecutorService watcher;
    private Consumer<List<PluginFactory>> onChange = f -> { };
    private Map<String, Served> served = Map.of();

    private PluginJars(Path dir, Path cache, ClassLoader host, java.util.function.Predicate<String> reserved) {
        this.dir = dir;
        this.cache = cache;
        this.jars = new JarLoader(cache, host);
        this.reserved = reserved;
        List<PluginSource> found = new ArrayList<>();
        ServiceLoader.load(PluginSource.class, host).forEach(found::add);
        this.sources = List.copyOf(found);
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tollgate-plugin-jars");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Loads the files in {@code dir} now, and checks for changes every {@code intervalMs};
     * {@code onChange} gets the new list of factories after every change. {@code reserved}: the
     * names a file may not take (the built-ins').
     */
    public static PluginJars watch(Path dir, Path cache, ClassLoader host, java.util.function.Predicate<String> reserved,
                                   long intervalMs, Consumer<List<PluginFactory>> onChange) {
        PluginJars jars = new PluginJars(dir, cache, host, reserved);
        try {
            Files.createDirectories(dir); // so that `cp my-plugin.js plugins/` works on a fresh clone
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot create the plugins directory " + dir + (Files.exists(dir) ? ": it exists and is "
                    + "not a directory" : ": " + e) + "; plugin files cannot be loaded until it is one");
        }
        jars.clearCache();
        jars.scan();
        jars.onChange = onChange;
        jars.watcher.scheduleWithFixedDelay(() -> {
            try {
                jars.rescan();
            } catch (RuntimeException | LinkageError e) {
                // Never let the task end: a scheduled task that throws is never run again.
                LOG.log(Level.ERROR, "scanning " + dir + " for plugins failed", e);
            }
        }, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        return jars;
    }

    /**
     * Looks at the directory now rather than at the next tick: called when a configuration names
     * a plugin the gateway does not know, which may be a file dropped in a moment ago.
     * Returns true when anything changed (the change has then been passed on).
     */
    public synchronized boolean rescan() {
        if (!scan()) {
            return false;
        }
        onChange.accept(factories());
        return true;
    }

    /** The files whose current version did not load, and why. */
    public synchronized List<LoadProblem> problems() {
        List<LoadProblem> out = new ArrayList<>();
        loaded.forEach((file, l) -> {
            if (l.problem() != null) {
                out.add(new LoadProblem(file.getFileName().toString(), l.problem(), !l.factories().isEmpty()));
            }
        });
        out.sort(java.util.Comparator.comparing(LoadProblem::file));
        return out;
    }

    /** Copies left by an earlier run of this node (one killed before it could delete them). */
    private void clearCache() {
        if (!Files.isDirectory(cache)) {
            return;
        }
        try (DirectoryStream<Path> old = Files.newDirectoryStream(cache)) {
            for (Path p : old) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot clear " + cache + ": " + e.getMessage());
        }
    }

    /** The file in plugins-dir that serves plugin {@code name}, if one does. */
    public synchronized Optional<String> fileOf(String name) {
        Served s = served.get(name);
        return s == null ? Optional.empty() : Optional.of(s.file().getFileName().toString());
    }

    /** The plugins the files provide: of two files with the same plugin, the higher version's. */
    public synchronized List<PluginFactory> factories() {
        return served.values().stream().map(Served::factory).toList();
    }

    /** Picks the version of each plugin that serves, and logs what changed hands. */
    private void choose() {
        Map<String, Served> next = new java.util.TreeMap<>();
        loaded.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            for (PluginFactory f : e.getValue().factories()) {
                Served current = next.get(f.name());
                if (current == null || Versions.compare(f.version(), current.factory().version()) > 0) {
                    if (current != null) {
                        LOG.log(Level.INFO, "plugin " + f.name() + " " + current.factory().version() + " in "
                                + current.file().getFileName() + " is not used: " + f.version() + " in "
                                + e.getKey().getFileName() + " is newer");
                    }
                    next.put(f.name(), new Served(f, e.getKey()));
                } else {
                    LOG.log(Level.INFO, "plugin " + f.name() + " " + f.version() + " in " + e.getKey().getFileName()
                            + " is not used: " + current.factory().version() + " in " + current.file().getFileName()
                            + " is " + (Versions.compare(f.version(), current.factory().version()) == 0 ? "the same version" : "newer"));
                }
            }
        });
        next.forEach((name, now) -> {
            Served before = served.get(name);
            if (before != null && !before.file().equals(now.file())) {
                LOG.log(Level.INFO, "plugin " + name + " " + now.factory().version() + " from " + now.file().getFileName()
                        + " takes over from " + before.factory().version() + " from " + before.file().getFileName());
            }
        });
        served.forEach((name, before) -> {
            if (!next.containsKey(name)) {
                LOG.log(Level.INFO, "plugin " + name + " " + before.factory().version() + " is gone: "
                        + before.file().getFileName() + " no longer provides it");
            }
        });
        served = next;
    }

    /** Loads new and changed jars, forgets removed ones; true when anything changed. */
    synchronized boolean scan() {
        Map<Path, Loaded> seen = new HashMap<>();
        boolean changed = false;
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, this::isPluginFile)) {
                for (Path file : files) {
                    Loaded before = loaded.get(file);
                    Loaded now = look(file, before);
                    seen.put(file, now);
                    changed |= now != before;
                }
            } catch (IOException | java.nio.file.DirectoryIteratorException e) {
                LOG.log(Level.WARNING, "cannot read plugins directory " + dir + ": " + e.getMessage());
                return false;
            }
        }
        changed |= !seen.keySet().equals(loaded.keySet());
        for (Loaded old : loaded.values()) {
            if (!seen.containsValue(old)) {
                retire(old);
            }
        }
        loaded.clear();
        loaded.putAll(seen);
        if (changed) {
            choose();
        }
        return changed;
    }

    /** One file: as before when unchanged, else loaded again; one that cannot be read is that file's problem alone. */
    private Loaded look(Path file, Loaded before) {
        FileTime modified;
        long size;
        try {
            modified = Files.getLastModifiedTime(file);
            size = Files.size(file);
        } catch (IOException e) {
            String problem = file.getFileName() + " cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
            if (before != null && problem.equals(before.problem())) {
                return before; // said once
            }
            return failed(before, FileTime.fromMillis(0), -1, problem, null);
        }
        if (before != null && before.modified().equals(modified) && before.size() == size) {
            return before;
        }
        if (Files.isDirectory(file)) {
            return failed(before, modified, size, file.getFileName() + " is a directory, not a plugin file", null);
        }
        return file.getFileName().toString().endsWith(".jar") ? loadJar(file, modified, size, before)
                : loadScript(file, modified, size, before);
    }

    private Loaded loadJar(Path jar, FileTime modified, long size, Loaded previous) {
        JarLoader.Result r = jars.load(jar);
        if (r.problem() != null) {
            return failed(previous, modified, size, r.problem(), null);
        }
        String taken = reservedName(jar, r.factories());
        if (taken != null) {
            release(new Loaded(modified, size, r.factories(), r.loader(), r.copy(), null));
            return failed(previous, modified, size, taken, null);
        }
        return new Loaded(modified, size, r.factories(), r.loader(), r.copy(), null);
    }

    /** Why a file's plugins cannot serve because one takes a built-in's name, or null. */
    private String reservedName(Path file, List<PluginFactory> factories) {
        for (PluginFactory f : factories) {
            if (reserved.test(f.name())) {
                return file.getFileName() + ": plugin name '" + f.name() + "' is a built-in's; a plugin file cannot replace "
                        + "a built-in, choose another name";
            }
        }
        return null;
    }

    private boolean isPluginFile(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".jar") || sources.stream().anyMatch(s -> name.endsWith(s.fileSuffix()));
    }

    /** Readies each runtime for plugin files on a background thread, so that the first file dropped in loads fast. */
    public void warmUp() {
        Thread.ofVirtual().name("tollgate-plugin-warm-up").start(() -> {
            for (PluginSource s : sources) {
                long start = System.nanoTime();
                try {
                    s.warmUp();
                    LOG.log(Level.DEBUG, () -> s.fileSuffix() + " runtime ready in " + (System.nanoTime() - start) / 1_000_000 + " ms");
                } catch (RuntimeException | LinkageError e) {
                    LOG.log(Level.WARNING, "warming up the " + s.fileSuffix() + " runtime failed (its first file loads slower): " + e);
                }
            }
        });
    }

    /** The runtimes for plugin files other than jars, and what runs them (for {@code /status}). */
    public List<String> sourceDescriptions() {
        return sources.stream().map(PluginSource::description).toList();
    }

    /** A script: compiled by its source; a version that does not compile leaves the previous one active. */
    private Loaded loadScript(Path file, FileTime modified, long size, Loaded previous) {
        PluginSource source = sources.stream().filter(s -> file.getFileName().toString().endsWith(s.fileSuffix()))
                .findFirst().orElseThrow();
        try {
            List<PluginFactory> factories = source.load(file);
            String refused = reservedName(file, factories);
            for (PluginFactory f : factories) {
                String bad = refused == null ? JarLoader.badFactory(f) : null;
                refused = bad != null ? file.getFileName() + ": " + bad : refused;
            }
            if (refused != null) {
                closeAll(factories);
                return failed(previous, modified, size, refused, null);
            }
            factories.forEach(f -> LOG.log(Level.INFO, "plugin " + f.name() + " " + f.version() + " loaded from " + file.getFileName()));
            return new Loaded(modified, size, List.copyOf(factories), null, null, null);
        } catch (PluginLoadException e) {
            return failed(previous, modified, size, e.getMessage(), null);
        } catch (RuntimeException | LinkageError e) {
            return failed(previous, modified, size, file.getFileName() + " cannot be loaded: " + e, e);
        }
    }

    private static void closeAll(List<PluginFactory> factories) {
        for (PluginFactory f : factories) {
            if (f instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // a factory that was never used
                }
            }
        }
    }

    /**
     * A version that did not load: remembered, so that it is not loaded again every second, with
     * what worked before kept active.
     */
    private static Loaded failed(Loaded previous, FileTime modified, long size, String problem, Throwable cause) {
        boolean kept = previous != null && !previous.factories().isEmpty();
        LOG.log(Level.ERROR, "plugin " + problem + (kept ? "; the previous version stays active" : ""), cause);
        return previous == null ? new Loaded(modified, size, List.of(), null, null, problem)
                : previous.failed(modified, size, problem);
    }

    /**
     * Releases a replaced or removed file's plugin once its instances are closed too: a jar's
     * class loader and copy, a script's compiled contexts.
     */
    private void retire(Loaded old) {
        watcher.schedule(() -> {
            synchronized (this) {
                release(old);
            }
        }, RETIRE_AFTER_SECONDS, TimeUnit.SECONDS);
    }

    private void release(Loaded old) {
        {
            for (PluginFactory f : old.factories()) {
                if (f instanceof AutoCloseable c && (loaded.values().stream().noneMatch(l -> l.factories().contains(f)))) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        LOG.log(Level.WARNING, "cannot release plugin " + f.name() + ": " + e.getMessage());
                    }
                }
            }
            if (old.loader() == null || loaded.values().stream().anyMatch(l -> l.loader() == old.loader())) {
                return; // a later version failed to load and this one still serves
            }
            try {
                old.loader().close();
                Files.deleteIfExists(old.copy());
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot release " + old.copy() + ": " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }
}
