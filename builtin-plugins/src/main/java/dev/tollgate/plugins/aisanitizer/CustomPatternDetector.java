package dev.tollgate.plugins.aisanitizer;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An operator's pattern ({@code custom_patterns[]}). Its regex runs over a text that charges the
 * characters the matcher reads to the request's {@link ReadBudget}, so a pattern that backtracks
 * catastrophically on some prompt fails that request instead of hanging it. A pattern whose
 * matcher recurses too deep ({@code (a|b)*c} on a long run of a and b) fails the same way.
 */
final class CustomPatternDetector implements Detector {

    private final String label;
    private final String name;
    private final Pattern pattern;

    CustomPatternDetector(String name, Pattern pattern) {
        this.name = name;
        this.label = name.toUpperCase(java.util.Locale.ROOT);
        this.pattern = pattern;
    }

    String name() {
        return name;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public void find(ScanText t, List<Finding> out) {
        Matcher m = pattern.matcher(new BudgetedText(t.text, name, t.budget));
        try {
            while (m.find()) {
                if (m.end() > m.start()) {
                    out.add(new Finding(label, m.start(), m.end()));
                }
            }
        } catch (StackOverflowError e) {
            // java.util.regex recurses once per repetition of some groups: the text was not scanned
            throw new TooSlow(name);
        }
    }

    /** A custom pattern read past its budget on one text. */
    static final class TooSlow extends RuntimeException {
        final String pattern;

        TooSlow(String pattern) {
            super("custom pattern '" + pattern + "' exceeded its matching budget", null, false, false);
            this.pattern = pattern;
        }
    }

    /** The text, charging each read to the budget. */
    private static final class BudgetedText implements CharSequence {
        private final String text;
        private final String pattern;
        private final ReadBudget budget;

        BudgetedText(String text, String pattern, ReadBudget budget) {
            this.text = text;
            this.pattern = pattern;
            this.budget = budget;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            budget.spend(pattern);
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
