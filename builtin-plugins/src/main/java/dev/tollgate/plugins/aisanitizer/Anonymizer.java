package dev.tollgate.plugins.aisanitizer;

import java.util.List;
import java.util.Map;

/** Writes a text with its findings replaced, the way the configured mode says. Immutable. */
final class Anonymizer {
    private final Mode mode;
    private final Map<String, String> customReplacements;

    /** {@code customReplacements}: label → the replacement a custom pattern configured. */
    Anonymizer(Mode mode, Map<String, String> customReplacements) {
        this.mode = mode;
        this.customReplacements = Map.copyOf(customReplacements);
    }

    /** The prompt's text, anonymized; {@code placeholders} is used (and filled) in placeholder mode. */
    String prompt(String text, List<Finding> findings, Placeholders placeholders) {
        return apply(text, findings, mode, placeholders);
    }

    /**
     * An answer's text, anonymized: as the prompt in redact and mask mode; in placeholder mode as
     * redact, since a placeholder the client never sent would mean nothing to it.
     */
    String answer(String text, List<Finding> findings) {
        return apply(text, findings, mode == Mode.MASK ? Mode.MASK : Mode.REDACT, null);
    }

    private String apply(String text, List<Finding> findings, Mode how, Placeholders placeholders) {
        if (findings.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16 * findings.size());
        int copied = 0;
        for (Finding f : findings) {
            String value = text.substring(f.start(), f.end());
            out.append(text, copied, f.start()).append(switch (how) {
                case PLACEHOLDER -> placeholders.placeholderFor(f.label(), value);
                case REDACT -> customReplacements.getOrDefault(f.label(), "[" + f.label() + "]");
                case MASK -> customReplacements.getOrDefault(f.label(), Masks.mask(f.label(), value));
            });
            copied = f.end();
        }
        return out.append(text, copied, text.length()).toString();
    }
}
