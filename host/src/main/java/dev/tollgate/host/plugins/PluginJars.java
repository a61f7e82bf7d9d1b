package dev.tollgate.host.plugins;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.spi.PluginLoadException;
import dev.tollgate.sdk.spi.PluginSource;
import dev.tollgate.host.config.DataDirectory;

/**
 * Plugin files dropped into the plugins directory. A jar is copied aside (so overwriting the
 * file cannot corrupt classes already in use) and loaded in its own {@link PluginClassLoader};
 * other files go to the {@link PluginSource} for their ending ({@code .js}: the JavaScript
 * runtime). Each is loaded again when it changes; a new version that fails to load leaves the
 * previous one active. Requests in flight keep the plugin they started with.
 */
public final class PluginJars implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PluginJars.class.getName());

    private record Loaded(FileTime modified, long size, List<PluginFactory> factories, PluginClassLoader loader, Path copy) {}

    /** How long a replaced jar's classes stay loaded: as long as its plugin instances may still run. */
    private static final long RETIRE_AFTER_SECONDS = 660;

    private final Path dir;
    private final Path cache;
    private final ClassLoader host;
    private final Map<Path, Loaded> loaded = new HashMap<>();
    private final List<PluginSource> sources;
    private final ScheduledExecutorService watcher;
    private int generation;

    private PluginJars(Path dir, Path cache, ClassLoader host) {
        this.dir = dir;
        this.cache = cache;
        this.host = host;
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
     * Loads the jars in {@code dir} now, and checks for changes every {@code intervalMs};
     * {@code onChange} gets the new list of jar factories after every change.
     */
    public static PluginJars watch(Path dir, Path cache, ClassLoader host, long intervalMs,
                                   Consumer<List<PluginFactory>> onChange) {
        PluginJars jars = new PluginJars(dir, cache, host);
        jars.clearCache();
        jars.scan();
        jars.watcher.scheduleWithFixedDelay(() -> {
            try {
                if (jars.scan()) {
                    onChange.accept(jars.factories());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "scanning " + dir + " for plugins failed", e);
            }
        }, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        return jars;
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

    /** The factories of every loaded jar. */
    public synchronized List<PluginFactory> factories() {
        List<PluginFactory> all = new ArrayList<>();
        loaded.values().forEach(l -> all.addAll(l.factories()));
        return all;
    }

    /** Loads new and changed jars, forgets removed ones; true when anything changed. */
    synchronized boolean scan() {
        Map<Path, Loaded> seen = new HashMap<>();
        boolean changed = false;
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, this::isPluginFile)) {
                for (Path file : files) {
                    FileTime modified = Files.getLastModifiedTime(file);
                    long size = Files.size(file);
                    Loaded before = loaded.get(file);
                    if (before != null && before.modified().equals(modified) && before.size() == size) {
                        seen.put(file, before);
                        continue;
                    }
                    Loaded now = file.getFileName().toString().endsWith(".jar") ? load(file, modified, size)
                            : loadScript(file, modified, size, before);
                    seen.put(file, now);
                    changed |= now != before;
                }
            } catch (IOException e) {
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
        return changed;
    }

    private boolean isPluginFile(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".jar") || sources.stream().anyMatch(s -> name.endsWith(s.fileSuffix()));
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
            factories.forEach(f -> LOG.log(Level.INFO, "plugin " + f.name() + " " + f.version() + " loaded from " + file.getFileName()));
            return new Loaded(modified, size, List.copyOf(factories), null, null);
        } catch (PluginLoadException e) {
            LOG.log(Level.ERROR, "plugin " + e.getMessage() + (previous != null && !previous.factories().isEmpty()
                    ? "; the previous version stays active" : ""));
            // Remember this version so it is not compiled again every second; keep what worked before.
            return new Loaded(modified, size, previous == null ? List.of() : previous.factories(), null, null);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.ERROR, "plugin file " + file + " cannot be loaded: " + e, e);
            return new Loaded(modified, size, previous == null ? List.of() : previous.factories(), null, null);
        }
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
            if (old.loader() == null) {
                return;
            }
            try {
                old.loader().close();
                Files.deleteIfExists(old.copy());
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot release " + old.copy() + ": " + e.getMessage());
            }
        }
    }

    private Loaded load(Path jar, FileTime modified, long size) {
        Path copy = null;
        PluginClassLoader loader = null;
        try {
            DataDirectory.createPrivate(cache);
            copy = cache.resolve(jar.getFileName() + "." + (++generation) + "." + ProcessHandle.current().pid());
            Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
            copy.toFile().deleteOnExit();
            loader = new PluginClassLoader("plugin:" + jar.getFileName(), copy.toUri().toURL(), host);
            List<PluginFactory> factories = new ArrayList<>();
            for (PluginFactory f : ServiceLoader.load(PluginFactory.class, loader)) {
                factories.add(f);
                LOG.log(Level.INFO, "plugin " + f.name() + " " + f.version() + " loaded from " + jar.getFileName());
            }
            if (factories.isEmpty()) {
                LOG.log(Level.WARNING, jar + " holds no plugin (expected: META-INF/services/" + PluginFactory.class.getName() + ")");
            }
            return new Loaded(modified, size, List.copyOf(factories), loader, copy);
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.log(Level.ERROR, "plugin jar " + jar + " cannot be loaded: " + e, e);
            return new Loaded(modified, size, List.of(), loader, copy);
        }
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }
}
