package dev.tollgate.plugins.aisanitizer;

import java.util.List;

/**
 * The text being scanned, with what several detectors share computed once: the number runs
 * that the phone, card, SSN and IPv4 detectors all read.
 */
final class ScanText {
    final String text;
    /** What the custom patterns may still read, shared with the request's other texts. */
    final ReadBudget budget;
    private List<NumberRun> runs;

    ScanText(String text, ReadBudget budget) {
        this.text = text;
        this.budget = budget;
    }

    List<NumberRun> runs() {
        if (runs == null) {
            runs = NumberRun.parseAll(text);
        }
        return runs;
    }

    /** Letters, digits and '_': characters that glue two tokens into one. */
    static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * True when one of {@code words} starts a word in the {@code window} characters before
     * {@code at} (case-insensitive; a word may continue: "tel" matches "Telefonnummer").
     */
    boolean wordBefore(int at, int window, WordPrefixes words) {
        return words.startsAWordIn(text, at - window, at);
    }
}
