package dev.tollgate.commons.aiprompt;

import java.util.Optional;
import java.util.function.Function;

import dev.tollgate.sdk.config.PluginConfig;

/**
 * The schema rule of a configuration record whose constructor holds the rules over several
 * fields: the Admin API refuses what the constructor refuses, in the same words.
 */
public final class ConfigRule {
    private ConfigRule() {
    }

    /** A rule answering the message of the {@link IllegalArgumentException} {@code from} throws, if any. */
    public static Function<PluginConfig, Optional<String>> refusedBy(Function<PluginConfig, ?> from) {
        return config -> {
            try {
                from.apply(config);
                return Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.of(e.getMessage());
            }
        };
    }
}
