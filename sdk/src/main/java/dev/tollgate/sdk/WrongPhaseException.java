package dev.tollgate.sdk;

import java.util.Set;

/**

 * A context call made in a phase where it means nothing, e.g. {@code exit} after the response started.

 *

 * @since 0.1.0

 */
public final class WrongPhaseException extends IllegalStateException {
    public WrongPhaseException(String call, Phase phase, Set<Phase> allowed) {
        super(call + " is not allowed in phase " + phase.name().toLowerCase(java.util.Locale.ROOT)
                + " (allowed in: " + String.join(", ", allowed.stream()
                .map(p -> p.name().toLowerCase(java.util.Locale.ROOT)).sorted().toList()) + ")");
    }
}
