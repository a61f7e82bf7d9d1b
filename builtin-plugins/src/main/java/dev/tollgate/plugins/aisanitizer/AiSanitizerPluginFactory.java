package dev.tollgate.plugins.aisanitizer;

import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * {@code ai-sanitizer}: finds personal data and secrets in prompts and replaces them before the
 * LLM sees them, in-process (Kong's needs its separate PII service container). Kong's field names
 * where Kong has the concept: {@code anonymize}, {@code custom_patterns}, {@code recover_redacted},
 * {@code block_if_detected}.
 */
public final class AiSanitizerPluginFactory extends BuiltinPluginFactory {
    static final String NAME = "ai-sanitizer";
    /**
     * Above the ai-prompt-* plugins (771–773), as Kong's ai-sanitizer (776) is: it anonymizes what the
     * client wrote, before templates and decorators add the operator's text. 775 rather than Kong's
     * 776 is the slot agreed among Tollgate's AI plugins. ai-proxy (770) only sends the request once
     * every access phase has run, so it sends the anonymized prompt either way.
     */
    static final int PRIORITY = 775;

    public AiSanitizerPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.ACCESS, Phase.HEADER_FILTER, Phase.BODY_FILTER), AiSanitizerConfig.SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new AiSanitizerPlugin(AiSanitizerConfig.from(config));
    }
}
