package dev.tollgate.plugins.aipromptguard;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The allow and deny lists, compiled once per plugin instance, and the check of a request's
 * prompts against them: a deny match refuses; with allow patterns, some checked prompt must
 * match one of them (Kong: the request must match an allowed expression).
 */
final class GuardPatterns {
    /**
     * A leading {@code .*} (after inline flags such as {@code (?i)}), as in Kong's examples
     * {@code (?i).*hack.*}. PCRE anchors such a pattern by itself; java.util.regex would retry it
     * from every position, a quadratic search. For a yes-or-no search it changes nothing (it can
     * match the empty string), so it is dropped. Not when possessive ({@code .*+}) or quantified.
     */
    private static final Pattern LEADING_DOT_STAR = Pattern.compile("^(\\(\\?[a-zA-Z-]*\\))?\\.\\*\\??(?![*+?{])");

    /** One configured pattern: as written (for messages and logs) and as compiled for the search. */
    record Guard(String list, int index, String source, Pattern search) {
        @Override
        public String toString() {
            return list + "[" + index + "] '" + source + "'";
        }
    }

    /** What a check found. {@code guard} is the deny pattern that matched or the one that ran out of budget. */
    record Verdict(Outcome outcome, Guard guard) {
        static final Verdict ALLOWED = new Verdict(Outcome.ALLOWED, null);
        static final Verdict NOT_ALLOWED = new Verdict(Outcome.NOT_ALLOWED, null);
    }

    enum Outcome { ALLOWED, DENIED, NOT_ALLOWED, TOO_COSTLY }

    private final List<Guard> allow;
    private final List<Guard> deny;

    private GuardPatterns(List<Guard> allow, List<Guard> deny) {
        this.allow = List.copyOf(allow);
        this.deny = List.copyOf(deny);
    }

    /**
     * Compiles both lists; an {@link IllegalArgumentException} names the first bad pattern and
     * what is wrong with it.
     */
    static GuardPatterns compile(List<String> allow, List<String> deny) {
        return new GuardPatterns(compile("allow_patterns", allow), compile("deny_patterns", deny));
    }

    /** The pattern the search uses for {@code regex}, which must be valid. */
    static String forSearch(String regex) {
        var m = LEADING_DOT_STAR.matcher(regex);
        return m.find() ? (m.group(1) == null ? "" : m.group(1)) + regex.substring(m.end()) : regex;
    }

    /** Checks {@code prompts} within {@code maxSteps} character reads in all. */
    Verdict check(List<String> prompts, long maxSteps) {
        MatchBudget budget = new MatchBudget(maxSteps);
        List<CharSequence> texts = new ArrayList<>(prompts.size());
        for (String p : prompts) {
            texts.add(budget.text(p));
        }
        Guard running = null;
        try {
            for (Guard g : deny) {
                running = g;
                for (CharSequence text : texts) {
                    if (g.search().matcher(text).find()) {
                        return new Verdict(Outcome.DENIED, g);
                    }
                }
            }
            if (allow.isEmpty()) {
                return Verdict.ALLOWED;
            }
            for (Guard g : allow) {
                running = g;
                for (CharSequence text : texts) {
                    if (g.search().matcher(text).find()) {
                        return Verdict.ALLOWED;
                    }
                }
            }
            return Verdict.NOT_ALLOWED;
        } catch (MatchBudget.Exhausted | StackOverflowError e) {
            // java.util.regex recurses per repetition of some groups ((a|b)*): a long prompt can
            // overflow the stack before the budget runs out. Either way the prompt was not checked.
            return new Verdict(Outcome.TOO_COSTLY, running);
        }
    }

    int size() {
        return allow.size() + deny.size();
    }

    private static List<Guard> compile(String list, List<String> sources) {
        List<Guard> out = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            String source = sources.get(i);
            try {
                Pattern.compile(source);
                out.add(new Guard(list, i, source, Pattern.compile(forSearch(source))));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("config." + list + "[" + i + "]: '" + source
                        + "' is not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
            }
        }
        return out;
    }
}
