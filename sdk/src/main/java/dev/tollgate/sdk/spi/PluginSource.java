package dev.tollgate.sdk.spi;

import java.nio.file.Path;
import java.util.List;

import dev.tollgate.sdk.PluginFactory;

/**
 * Turns plugin files of one kind into plugin factories: the JavaScript runtime handles
 * {@code .js}. Registered in {@code META-INF/services/PluginSource}; the
 * gateway offers it every file in {@code plugins/} whose name ends with {@link #fileSuffix()},
 * at start and whenever the file changes.
 *
 * @since 0.1.0
 */
public interface PluginSource {

    /** The file names this source loads, by ending, with the dot: {@code ".js"}. */
    String fileSuffix();

    /**
     * Compiles and validates one file. Called off the request path (at load and on change); the
     * factories returned replace those of the file's previous version.
     *
     * @throws PluginLoadException when the file does not compile or does not export a valid
     *                             plugin; the previous version, if any, stays active
     */
    List<PluginFactory> load(Path file) throws PluginLoadException;

    /** What runs the files, for {@code GET /status} (e.g. {@code "javascript: GraalVM CE, compiled"}). */
    default String description() {
        return fileSuffix();
    }

    /**
     * Readies the runtime so that the first {@link #load} is fast (a language runtime's first
     * context costs about a second). Called once at start on a background thread, unless the
     * gateway is configured not to; a failure is logged and changes nothing else.
     */
    default void warmUp() {
    }
}
