package dev.tollgate.host.plugins;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

import dev.tollgate.host.config.DataDirectory;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.SdkVersion;

/**
 * Loads one plugin jar: copies it aside (so overwriting the file cannot corrupt classes in use),
 * checks the SDK it was built against, and finds its factories in a class loader of its own.
 * Nothing a jar holds can make it throw: whatever is wrong — a factory whose class is missing
 * or whose constructor throws, a bad name, a newer SDK — comes back as the jar's problem.
 */
final class JarLoader {
    private static final System.Logger LOG = System.getLogger(PluginJars.class.getName());
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** What a jar gave: its factories, and the loader and copy they live in; or why it gave nothing. */
    record Result(List<PluginFactory> factories, PluginClassLoader loader, Path copy, String problem) {}

    private final Path cache;
    private final ClassLoader host;
    private int generation;

    JarLoader(Path cache, ClassLoader host) {
        this.cache = cache;
        this.host = host;
    }

    Result load(Path jar) {
        Path copy = null;
        PluginClassLoader loader = null;
        String name = jar.getFileName().toString();
        try {
            DataDirectory.createPrivate(cache);
            copy = cache.resolve(name + "." + (++generation) + "." + ProcessHandle.current().pid());
            Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
            copy.toFile().deleteOnExit();
            String refused = sdkMismatch(name, copy);
            if (refused == null) {
                loader = new PluginClassLoader("plugin:" + name, copy.toUri().toURL(), host);
                List<PluginFactory> factories = new ArrayList<>();
                for (PluginFactory f : ServiceLoader.load(PluginFactory.class, loader)) {
                    String bad = badFactory(f);
                    if (bad != null) {
                        refused = name + ": " + bad;
                        break;
                    }
                    factories.add(f);
                }
                if (refused == null && factories.isEmpty()) {
                    refused = name + " holds no plugin (expected: META-INF/services/" + PluginFactory.class.getName() + ")";
                }
                if (refused == null) {
                    factories.forEach(f -> LOG.log(Level.INFO, "plugin " + f.name() + " " + f.version() + " loaded from " + name));
                    return new Result(List.copyOf(factories), loader, copy, null);
                }
            }
            discard(loader, copy);
            return new Result(List.of(), null, null, refused);
        } catch (ServiceConfigurationError e) {
            discard(loader, copy);
            // "Provider x could not be instantiated": the cause says why (a throwing constructor, a missing class)
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return new Result(List.of(), null, null, name + ": a plugin factory cannot be created: " + e.getMessage()
                    + (cause != e ? " (" + cause + ")" : ""));
        } catch (IOException | RuntimeException | LinkageError e) {
            discard(loader, copy);
            return new Result(List.of(), null, null, name + " cannot be loaded: " + e);
        }
    }

    /** Why a factory cannot serve (a name or version the gateway cannot use), or null. */
    static String badFactory(PluginFactory f) {
        String name = f.name();
        if (name == null || !NAME.matcher(name).matches()) {
            return f.getClass().getName() + ".name() is " + (name == null ? "null" : "'" + name + "'")
                    + " (expected: lower-case letters, digits and '-', at most 64)";
        }
        String version = f.version();
        if (version == null || version.isBlank()) {
            return "plugin " + name + ": version() is " + (version == null ? "null" : "blank") + " (expected: e.g. 1.0.0)";
        }
        return null;
    }

    /**
     * Why a jar built against another SDK cannot run here, or null when it can: one built against
     * a newer SDK may call what this gateway does not have.
     */
    private static String sdkMismatch(String name, Path copy) throws IOException {
        String builtAgainst;
        try (JarFile file = new JarFile(copy.toFile())) {
            Manifest manifest = file.getManifest();
            builtAgainst = manifest == null ? null : manifest.getMainAttributes().getValue(SdkVersion.MANIFEST_ATTRIBUTE);
        }
        if (builtAgainst == null) {
            LOG.log(Level.WARNING, name + " does not say which SDK it was built against (no " + SdkVersion.MANIFEST_ATTRIBUTE
                    + " in its manifest): loaded as if built against " + SdkVersion.current() + "; see docs/plugin-sdk.md to add it");
            return null;
        }
        String v = builtAgainst.strip();
        if (!Versions.isVersion(v)) {
            LOG.log(Level.WARNING, name + ": " + SdkVersion.MANIFEST_ATTRIBUTE + " '" + Versions.printable(v)
                    + "' is not a version (expected: e.g. " + SdkVersion.current() + "): loaded as if built against "
                    + SdkVersion.current());
            return null;
        }
        if (Versions.compare(v, SdkVersion.current()) > 0) {
            return name + " was built against tollgate-sdk " + v + ", newer than this gateway's " + SdkVersion.current()
                    + ": upgrade the gateway, or build the plugin against tollgate-sdk " + SdkVersion.current();
        }
        return null;
    }

    private static void discard(PluginClassLoader loader, Path copy) {
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
        if (copy != null) {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException ignored) {
                // deleted on exit
            }
        }
    }
}
