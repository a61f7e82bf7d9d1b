package dev.tollgate.sdk;

import java.util.EnumSet;
import java.util.Set;

import dev.tollgate.sdk.spi.ScriptedPlugin;

/**
 * Which context calls make sense in which phases; the gateway and the test kit enforce the
 * same rules, so a plugin's unit tests catch a call made in the wrong phase.
 *
 * @since 0.1.0
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

    /**
     * The phases whose method {@code type} implements (overrides) but {@code declared} lacks:
     * the gateway calls a plugin only in its factory's declared phases, so such a method would
     * never run. The gateway refuses to create a plugin that has any; a plugin's tests can ask too.
     * A {@link ScriptedPlugin} implements every method and is not checked.
     */
    public static Set<Phase> undeclared(Set<Phase> declared, Class<? extends Plugin> type) {
        if (ScriptedPlugin.class.isAssignableFrom(type)) {
            return Set.of();
        }
        Set<Phase> out = EnumSet.noneOf(Phase.class);
        for (Phase phase : Phase.values()) {
            if (!declared.contains(phase) && overrides(type, phase)) {
                out.add(phase);
            }
        }
        return out;
    }

    /** The name of {@code phase}'s method on {@link Plugin}: {@code headerFilter} for {@link Phase#HEADER_FILTER}. */
    public static String methodName(Phase phase) {
        return switch (phase) {
            case REWRITE -> "rewrite";
            case ACCESS -> "access";
            case RESPONSE -> "response";
            case HEADER_FILTER -> "headerFilter";
            case BODY_FILTER -> "bodyFilter";
            case LOG -> "log";
        };
    }

    private static boolean overrides(Class<?> type, Phase phase) {
        Class<?>[] params = phase == Phase.BODY_FILTER
                ? new Class<?>[] {PluginContext.class, byte[].class, boolean.class}
                : new Class<?>[] {PluginContext.class};
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                c.getDeclaredMethod(methodName(phase), params);
                return true;
            } catch (NoSuchMethodException e) {
                // not here: look further up
            }
        }
        return false;
    }

    /** Throws {@link WrongPhaseException} when {@code phase} is not in {@code allowed}. */
    public static void require(String call, Phase phase, Set<Phase> allowed) {
        if (!allowed.contains(phase)) {
            throw new WrongPhaseException(call, phase, allowed);
        }
    }
}
