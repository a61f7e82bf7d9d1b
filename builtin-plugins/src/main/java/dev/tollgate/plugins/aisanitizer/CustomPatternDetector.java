package dev.tollgate.plugins.aisanitizer;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An operator's pattern ({@code custom_patterns[]}). Its regex runs over a text that counts the
 * characters the matcher reads and gives up past a budget proportional to the text's length, and
 * never past {@link #MAX_READS} whatever the length, so a pattern that backtracks
 * catastrophically on some prompt fails that request instead of hanging it. A pattern whose
 * matcher recurses too deep ({@code (a|b)*c} on a long run of a and b) fails the same way.
 */
final class CustomPatternDetector implements Detector {
    /** Character reads allowed per character of text: linear regexes stay far below it. */
    static final int READS_PER_CHAR = 1_000;
    /**
     * The most reads one pattern may make on one text: about half a second of CPU, enough for a
     * linear pattern over a prompt of several megabytes; a quadratic one on a 1 MB prompt would
     * otherwise take about ten seconds.
     */
    static final long MAX_READS = 50_000_000L;

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
        Matcher m = pattern.matcher(new BudgetedText(t.text, name));
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

    /** The text, counting reads. */
    private static final class BudgetedText implements CharSequence {
        private final String text;
        private final String pattern;
        private long budget;

        BudgetedText(String text, String pattern) {
            this.text = text;
            this.pattern = pattern;
            this.budget = Math.min(MAX_READS, (long) READS_PER_CHAR * (text.length() + 64));
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (--budget < 0) {
                throw new TooSlow(pattern);
            }
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
