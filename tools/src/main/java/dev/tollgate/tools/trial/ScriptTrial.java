package dev.tollgate.tools.trial;

import java.nio.file.Path;
import java.util.Map;

import dev.tollgate.scripts.JsPluginSource;
import dev.tollgate.scripts.ScriptEngine;
import dev.tollgate.scripts.ScriptLimits;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.spi.PluginLoadException;
import dev.tollgate.trial.PluginTrial;
import dev.tollgate.trial.TrialReport;
import dev.tollgate.trial.TrialRequest;

/**
 * Runs a JavaScript plugin file offline ({@code ./tollgate plugin test}): the script is loaded in
 * the gateway's sandbox with its limits and an engine of its own whose console is captured, then
 * {@link PluginTrial} runs its phases on the test kit.
 */
public final class ScriptTrial {
    private ScriptTrial() {
    }

    /** Loads {@code script} and runs it on {@code request} with {@code config} (the plugin's config fields). */
    public static TrialReport run(Path script, TrialRequest request, Map<String, Object> config) {
        ConsoleCapture console = new ConsoleCapture();
        try (ScriptEngine engine = ScriptEngine.create(console)) {
            PluginFactory factory;
            try {
                factory = new JsPluginSource(engine, ScriptLimits.defaults()).load(script).getFirst();
            } catch (PluginLoadException e) {
                return TrialReport.failed("load: " + e.getMessage()).withConsole(console.lines());
            }
            try (AutoCloseable closeFactory = factory instanceof AutoCloseable c ? c : () -> { }) {
                return PluginTrial.run(factory, request, config).withConsole(console.lines());
            }
        } catch (Exception e) {
            return TrialReport.failed(e.toString()).withConsole(console.lines());
        }
    }
}
