package dev.tollgate.commons.llm.provider;

import static java.util.Objects.requireNonNull;

/**
 * One model at one provider, as configured.
 *
 * @param provider the provider's name ({@link Provider#name()})
 * @param model    the model name the provider knows ({@code gpt-4o}, {@code claude-sonnet-4-5}, ...)
 */
public record ModelTarget(String provider, String model, ModelOptions options) {

    public ModelTarget {
        requireNonNull(provider, "provider");
        requireNonNull(model, "model");
        options = options == null ? ModelOptions.NONE : options;
    }
}
