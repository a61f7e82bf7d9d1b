package dev.tollgate.scripts.testkit;

import java.nio.file.Path;
import java.util.List;

import dev.tollgate.scripts.JsPluginSource;
import dev.tollgate.scripts.ScriptLimits;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.SchemaViolationException;
import dev.tollgate.sdk.spi.PluginLoadException;

/**
 * Loads a JavaScript plugin for a unit test, exactly as the gateway loads it from
 * {@code plugins/} (same sandbox, limits and export checks), so a script is tested with the
 * test kit's {@code FakePluginContext} (artifact {@code tollgate-sdk-testkit}) like a Java plugin:
 *
 * <pre>{@code
 * PluginFactory factory = ScriptTestKit.load(Path.of("plugins/prompt-rewriter.js"));
 * Plugin plugin = factory.create(factory.configSchema().validate(Map.of("system", "Be brief.")));
 * var chat = new SimpleChatRequest("gpt-4o").user("Hi");
 * var ctx = FakePluginContext.builder().chat(chat).build();
 * plugin.access(ctx.in(Phase.ACCESS));
 * assertThat(chat.messages().getFirst().role()).isEqualTo("system");
 * }</pre>
 *
 * The factory holds a pool of script contexts: close it ({@code ((AutoCloseable) factory).close()})
 * when the test is done, or let the JVM end. Config errors come from
 * {@code configSchema().validate(...)} as {@link SchemaViolationException}.
 */
public final class ScriptTestKit {
    private ScriptTestKit() {
    }

    /**
     * Compiles and checks the script at {@code file}.
     *
     * @throws PluginLoadException a syntax error or a missing/invalid export, with line and column
     */
    public static PluginFactory load(Path file) throws PluginLoadException {
        List<PluginFactory> factories = new JsPluginSource().load(file);
        return factories.getFirst();
    }

    /**
     * As {@link #load(Path)}, with other limits: a test of what a script does (not of how fast)
     * can give its calls more time, so a busy build machine compiling the script's regular
     * expressions on a context's first call does not trip the 500 ms production limit.
     */
    public static PluginFactory load(Path file, ScriptLimits limits) throws PluginLoadException {
        return JsPluginSource.withLimits(limits).load(file).getFirst();
    }
}
