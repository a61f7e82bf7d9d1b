package dev.tollgate.commons.llm;

import java.util.Optional;

/** What kind of call a route makes, Kong's {@code route_type}. */
public enum RouteType {
    /** OpenAI chat completions ({@code /v1/chat/completions}), translated for the provider. */
    CHAT("llm/v1/chat"),
    /** OpenAI embeddings ({@code /v1/embeddings}), translated for the provider. */
    EMBEDDINGS("llm/v1/embeddings"),
    /** The body goes to the provider unchanged; tokens are still counted. */
    PRESERVE("preserve");

    private final String configName;

    RouteType(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration. */
    public String configName() {
        return configName;
    }

    public static Optional<RouteType> of(String configName) {
        for (RouteType t : values()) {
            if (t.configName.equals(configName)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
