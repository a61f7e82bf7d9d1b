package dev.tollgate.plugins.aisanitizer;

import java.util.List;

/**
 * The character reads the custom patterns may make, shared by every text of one request: about
 * {@value #READS_PER_CHAR} per character of text, never more than {@value #MAX_READS} in all.
 * Per text alone, a request of 10,000 small messages could have cost half a second each.
 * Not thread-safe: one per request (or per answer chunk).
 */
final class ReadBudget {
    /** Character reads allowed per character of text: linear regexes stay far below it. */
    static final int READS_PER_CHAR = 1_000;
    /**
     * The most reads on one request: about half a second of CPU, enough for linear patterns over
     * a prompt of several megabytes; a quadratic one on a 1 MB prompt would otherwise take ten
     * seconds.
     */
    static final long MAX_READS = 50_000_000L;

    private long left;

    ReadBudget(long reads) {
        this.left = reads;
    }

    /** The budget of one request's texts. */
    static ReadBudget forTexts(List<String> texts) {
        long chars = 0;
        for (String t : texts) {
            chars += t.length() + 64;
        }
        return new ReadBudget(Math.min(MAX_READS, READS_PER_CHAR * chars));
    }

    /** Spends one read, or stops the pattern that asked for it. */
    void spend(String pattern) {
        if (--left < 0) {
            throw new CustomPatternDetector.TooSlow(pattern);
        }
    }
}
