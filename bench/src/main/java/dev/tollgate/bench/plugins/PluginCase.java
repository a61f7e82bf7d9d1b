package dev.tollgate.bench.plugins;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

import dev.tollgate.sdk.Phase;

/**
 * One plugin configuration to measure: the plugin's name (found with ServiceLoader, as the
 * gateway finds it), its configuration as the Admin API takes it (JSON), the phases to run per
 * request in order, and optionally a request body of its own (default: {@link ChatPrompt} as
 * JSON, with its chat view).
 *
 * @param label        the table's first column
 * @param plugin       the plugin's name, e.g. {@code ai-prompt-guard}
 * @param configJson   its configuration
 * @param phases       run in this order on each request's context
 * @param body         the client's body instead of the chat prompt (then there is no chat view)
 * @param expectedExit the status the plugin must exit with (0: it must let the request through)
 */
public record PluginCase(String label, String plugin, String configJson, List<Phase> phases, Optional<String> body,
                         int expectedExit) {

    public PluginCase {
        requireNonNull(label, "label");
        requireNonNull(plugin, "plugin");
        requireNonNull(configJson, "configJson");
        phases = List.copyOf(phases);
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("phases: none (expected: at least one)");
        }
        requireNonNull(body, "body");
    }

    /** {@code plugin} with {@code configJson}, running {@code phases} (access when none given) on the chat prompt. */
    public static PluginCase of(String plugin, String configJson, Phase... phases) {
        return new PluginCase(plugin, plugin, configJson, phases.length == 0 ? List.of(Phase.ACCESS) : List.of(phases),
                Optional.empty(), 0);
    }

    /** The same case on a body of its own (a template reference, an embeddings request, ...). */
    public PluginCase withBody(String json) {
        return new PluginCase(label, plugin, configJson, phases, Optional.of(json), expectedExit);
    }

    /** The same case under another label, to measure one plugin in several configurations. */
    public PluginCase labelled(String newLabel) {
        return new PluginCase(newLabel, plugin, configJson, phases, body, expectedExit);
    }

    /** The same case expecting the plugin to refuse with {@code status}: measures the refusal path. */
    public PluginCase refusing(int status) {
        return new PluginCase(label, plugin, configJson, phases, body, status);
    }
}
