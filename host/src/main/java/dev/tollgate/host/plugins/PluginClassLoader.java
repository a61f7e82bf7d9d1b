package dev.tollgate.host.plugins;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * The class loader of one plugin jar: the SDK and the JDK come from the gateway (parent-first),
 * everything else from the jar, so a plugin's own libraries never clash with the gateway's.
 */
final class PluginClassLoader extends URLClassLoader {
    private static final String SDK = "dev.tollgate.sdk.";

    private final ClassLoader host;

    PluginClassLoader(String name, URL jar, ClassLoader host) {
        super(name, new URL[] {jar}, ClassLoader.getPlatformClassLoader());
        this.host = host;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(SDK)) {
            return host.loadClass(name);
        }
        return super.loadClass(name, resolve); // platform (JDK) first, then the jar
    }

    static {
        registerAsParallelCapable();
    }
}
