package dev.tollgate.sdk;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which context calls make sense in which phases; the gateway and the test kit enforce the
 * same rules, so a plugin's unit tests catch a call made in the wrong phase.
 */
public final class PhaseRules {
    /** Where the upstream request can still change, the caller be authenticated, and {@code exit} answer. */
    public static final Set<Phase> REQUEST_SIDE = EnumSet.of(Phase.REWRITE, Phase.ACCESS);
    /** Where the upstream's response is known. */
    public static final Set<Phase> RESPONSE_SIDE = EnumSet.of(Phase.RESPONSE, Phase.HEADER_FILTER, Phase.BODY_FILTER, Phase.LOG);
    /** Where the client's response headers can still change. */
    public static final Set<Phase> HEADERS_WRITABLE = EnumSet.of(Phase.REWRITE, Phase.ACCESS, Phase.RESPONSE, Phase.HEADER_FILTER);

    private PhaseRules() {
    }

    /** Throws {@link WrongPhaseException} when {@code phase} is not in {@code allowed}. */
    public static void require(String call, Phase phase, Set<Phase> allowed) {
        if (!allowed.contains(phase)) {
            throw new WrongPhaseException(call, phase, allowed);
        }
    }
}
