package dev.tollgate.plugins.aipromptguard;

/**
 * How many character reads the regular expressions may make on one request. java.util.regex
 * backtracks: a pattern such as {@code (a+)+$} takes exponential time on {@code "aaaa…a!"}, and
 * it has no timeout. Every read of a prompt goes through {@link #text}, which counts it and
 * stops the matcher with {@link Exhausted} once the budget is spent, so no prompt can hold a
 * request thread (or the gateway's CPU) for long. One budget per request, shared by every
 * pattern and message: the work a request can cause is bounded, however many messages it has.
 * Not thread-safe: one per request.
 */
final class MatchBudget {
    private long left;

    MatchBudget(long steps) {
        this.left = steps;
    }

    /** {@code text} as the matcher's input, charged to this budget. */
    CharSequence text(String text) {
        return new Counted(text, this);
    }

    /** Reads left. */
    long left() {
        return Math.max(0, left);
    }

    private void spend() {
        if (--left < 0) {
            throw Exhausted.INSTANCE;
        }
    }

    /** The budget ran out during a match. Thrown often under attack: one instance, no stack trace. */
    static final class Exhausted extends RuntimeException {
        static final Exhausted INSTANCE = new Exhausted();

        private Exhausted() {
            super("regular expression step budget exhausted", null, false, false);
        }
    }

    private record Counted(String text, MatchBudget budget) implements CharSequence {
        @Override
        public char charAt(int index) {
            budget.spend();
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Counted(text.substring(start, end), budget);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
