package dev.tollgate.plugins.opentelemetry;

import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * Provides {@code opentelemetry}: Kong's tracing plugin, exporting OTLP/HTTP protobuf, with
 * OpenTelemetry GenAI spans for AI requests.
 */
public final class OpenTelemetryPluginFactory extends BuiltinPluginFactory {
    static final String NAME = "opentelemetry";
    /** Kong's number: its access runs after the AI plugins' (ai-sanitizer has masked the prompt). */
    static final int PRIORITY = 14;

    public OpenTelemetryPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.ACCESS, Phase.HEADER_FILTER, Phase.LOG),
                OpenTelemetryConfig.SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new OpenTelemetryPlugin(OpenTelemetryConfig.from(config));
    }

    @Override
    public boolean recordsTimeline() {
        return true;
    }
}
