package dev.tollgate.scripts;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.spi.PluginLoadException;
import dev.tollgate.sdk.spi.PluginSource;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;

/**
 * Loads {@code .js} files (ES modules) as plugins: compiles the module in a sandboxed context,
 * checks its exports, and keeps a pool of contexts for its calls. Found by the gateway through
 * {@code META-INF/services/PluginSource}.
 */
public final class JsPluginSource implements PluginSource {
    private static final String MODULE = "application/javascript+module";
    private static final int MAX_SIZE = 1 << 20;

    private final ScriptEngine engine;
    private final ScriptLimits limits;

    /** For {@link java.util.ServiceLoader}: the process-wide engine, default limits. */
    public JsPluginSource() {
        this(SharedEngine.get(), ScriptLimits.defaults());
    }

    /** The process-wide engine with other limits (the test kit's generous ones, say). */
    public static JsPluginSource withLimits(ScriptLimits limits) {
        return new JsPluginSource(SharedEngine.get(), limits);
    }

    public JsPluginSource(ScriptEngine engine, ScriptLimits limits) {
        this.engine = requireNonNull(engine, "engine");
        this.limits = requireNonNull(limits, "limits");
    }

    @Override
    public String description() {
        return "javascript: " + engine.implementationName() + ", " + engine.mode();
    }

    @Override
    public String fileSuffix() {
        return ".js";
    }

    /** Compiles a small module and calls it once: the first real file then skips the runtime's first-context cost. */
    @Override
    public void warmUp() {
        Source source = Source.newBuilder("js", "export const name = 'warm-up';\n"
                + "export function access(ctx, config) { return JSON.stringify({ok: [1, 2, 3].map(x => x * 2)}); }\n",
                "warm-up.js").mimeType(MODULE).buildLiteral();
        // Generous limits: on a busy machine the first context may take seconds, and nobody waits on this one.
        ScriptLimits patient = limits.withTimeLimit(Duration.ofSeconds(60)).withColdCallTimeLimit(Duration.ofSeconds(60));
        try (ContextPool pool = new ContextPool(engine, source, "warm-up.js", patient, ScriptExports.functionNames())) {
            pool.withContext(slot -> ScriptExports.read(slot.exports()));
        }
    }

    @Override
    public List<PluginFactory> load(Path file) throws PluginLoadException {
        String text;
        try {
            if (Files.size(file) > MAX_SIZE) {
                throw new PluginLoadException(file, "larger than " + MAX_SIZE + " bytes");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PluginLoadException(file, 0, 0, "cannot read: " + e, e);
        }
        String scriptName = file.getFileName().toString();
        Source source = Source.newBuilder("js", text, scriptName).mimeType(MODULE).cached(true).buildLiteral();
        ContextPool pool;
        try {
            pool = new ContextPool(engine, source, scriptName, limits, ScriptExports.functionNames());
        } catch (PolyglotException e) {
            SourceSection at = ScriptErrors.location(e);
            throw new PluginLoadException(file, at == null ? 0 : at.getStartLine(), at == null ? 0 : at.getStartColumn(),
                    withoutPosition(e.getMessage(), scriptName), e);
        } catch (ScriptFailedException e) {
            // its top level ran out of time; the exception names the file itself
            throw new PluginLoadException(file, 0, 0, e.getMessage().substring(scriptName.length() + 2), e);
        }
        try {
            ScriptExports exports = pool.withContext(slot -> ScriptExports.read(slot.exports()));
            return List.of(new JsPluginFactory(exports, pool));
        } catch (ScriptExports.InvalidExport e) {
            pool.close();
            int[] at = locate(text, e.export());
            throw new PluginLoadException(file, at[0], at[1], e.getMessage(), e);
        } catch (RuntimeException e) {
            pool.close();
            throw new PluginLoadException(file, 0, 0, e.getMessage(), e);
        }
    }

    /**
     * GraalJS's message without its own {@code file:line:column} (its column counts from 0):
     * the exception puts the position, counted from 1, in front once.
     */
    static String withoutPosition(String message, String scriptName) {
        return message == null ? "" : message.replaceFirst(Pattern.quote(scriptName) + ":\\d+:\\d+:? ?", "").strip();
    }

    /** The line and column of {@code export const <name>} (or function), {0, 0} when absent. */
    static int[] locate(String text, String export) {
        if (export == null) {
            return new int[] {0, 0};
        }
        Matcher m = Pattern.compile("export\\s+(?:const|let|var|(?:async\\s+)?function\\*?)\\s+(" + Pattern.quote(export) + ")\\b")
                .matcher(text);
        if (!m.find()) {
            return new int[] {0, 0};
        }
        int offset = m.start(1);
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, offset - lineStart + 1};
    }

    /** One engine per process for sources made by the ServiceLoader. */
    private static final class SharedEngine {
        private static final ScriptEngine ENGINE = ScriptEngine.create();

        static ScriptEngine get() {
            return ENGINE;
        }
    }
}
