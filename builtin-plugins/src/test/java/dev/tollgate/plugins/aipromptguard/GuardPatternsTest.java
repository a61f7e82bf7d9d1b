package dev.tollgate.plugins.aipromptguard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import dev.tollgate.plugins.aipromptguard.GuardPatterns.Outcome;
import org.junit.jupiter.api.Test;

/** The matching itself: verdicts, the search form of patterns, and the bound on backtracking. */
class GuardPatternsTest {
    private static final long STEPS = 1_000_000;

    private static Outcome check(List<String> allow, List<String> deny, String... prompts) {
        return GuardPatterns.compile(allow, deny).check(List.of(prompts), STEPS).outcome();
    }

    @Test
    void denyWinsAndAllowNeedsOneMatch() {
        List<String> allow = List.of("(?i)how do i");
        List<String> deny = List.of("(?i)password");
        assertThat(check(allow, deny, "How do I reset my router?")).isEqualTo(Outcome.ALLOWED);
        assertThat(check(allow, deny, "How do I reset my password?")).isEqualTo(Outcome.DENIED);
        assertThat(check(allow, deny, "Tell me a joke")).isEqualTo(Outcome.NOT_ALLOWED);
        assertThat(check(allow, List.of(), "Tell me a joke", "how do i laugh")).isEqualTo(Outcome.ALLOWED);
        assertThat(check(List.of(), deny, "anything else")).isEqualTo(Outcome.ALLOWED);
        assertThat(check(allow, deny)).as("nothing to check, and an allow list").isEqualTo(Outcome.NOT_ALLOWED);
        assertThat(check(List.of(), deny)).isEqualTo(Outcome.ALLOWED);
    }

    @Test
    void theDeniedVerdictNamesThePattern() {
        GuardPatterns.Verdict v = GuardPatterns.compile(List.of(), List.of("a", "b+")).check(List.of("xbbx"), STEPS);
        assertThat(v.guard()).hasToString("deny_patterns[1] 'b+'");
    }

    @Test
    void aLeadingDotStarIsDroppedForTheSearch() {
        assertThat(GuardPatterns.forSearch("(?i).*what is .*")).isEqualTo("(?i)what is .*");
        assertThat(GuardPatterns.forSearch(".*hack.*")).isEqualTo("hack.*");
        assertThat(GuardPatterns.forSearch(".*?x")).isEqualTo("x");
        assertThat(GuardPatterns.forSearch("(?-i).*x")).isEqualTo("(?-i)x");
        assertThat(GuardPatterns.forSearch(".*")).isEmpty();
        // Kept: possessive, quantified, not leading, escaped, inside a group.
        for (String kept : List.of(".*+x", ".*{2}", "a.*b", "\\.*x", "(.*)x", "(?i:.*x)", "[.*]x")) {
            assertThat(GuardPatterns.forSearch(kept)).as(kept).isEqualTo(kept);
        }
    }

    @Test
    void theSearchFormFindsWhatThePatternFinds() {
        List<String> patterns = List.of("(?i).*what is .*", "(?i).*bypass.*(login|password|auth).*", ".*^a", ".*a|b",
                ".*?x$", ".*\\\"card\\\".*\\\"5[0-9]{12}(?:[0-9]{3})?\\\"", ".*", "(?s).*end", ".*(?<=q)u");
        List<String> texts = List.of("", "a", "b", "x", "ab\nx", "What is love?", "please BYPASS the Login",
                "bypass\nlogin", "{\"card\": \"5123456789012\"}", "line\nend", "quiet", "\n", "qux");
        for (String p : patterns) {
            Pattern original = Pattern.compile(p);
            Pattern search = Pattern.compile(GuardPatterns.forSearch(p));
            for (String t : texts) {
                assertThat(search.matcher(t).find()).as("%s on %s", p, t).isEqualTo(original.matcher(t).find());
            }
        }
    }

    @Test
    void catastrophicBacktrackingIsStoppedQuickly() {
        // Unbounded, java.util.regex takes about 1 s for this on this kind of machine (16 s for
        // 20,000 a's): every start position backtracks through the rest of the run. Bounded, it
        // stops after 1M reads: about 30 ms once compiled on a loaded machine; the limit below
        // leaves room for a cold JIT and a busy CI machine.
        GuardPatterns patterns = GuardPatterns.compile(List.of(), List.of("(a+)+$"));
        String evil = "a".repeat(5000) + "!";
        long start = System.nanoTime();
        GuardPatterns.Verdict v = patterns.check(List.of(evil), STEPS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(v.outcome()).isEqualTo(Outcome.TOO_COSTLY);
        assertThat(v.guard().source()).isEqualTo("(a+)+$");
        assertThat(millis).isLessThan(1000);
        // The same pattern on an ordinary prompt is fine.
        assertThat(patterns.check(List.of("no a-runs here!"), STEPS).outcome()).isEqualTo(Outcome.ALLOWED);
    }

    @Test
    void exponentialBacktrackingOnAShortPromptIsStoppedToo() {
        // Polynomial of degree 25: seconds for 24 characters unbounded.
        GuardPatterns patterns = GuardPatterns.compile(List.of("(.*a){25}"), List.of());
        long start = System.nanoTime();
        assertThat(patterns.check(List.of("a".repeat(24) + "!"), STEPS).outcome()).isEqualTo(Outcome.TOO_COSTLY);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
    }

    @Test
    void theBudgetIsSharedByAllPatternsAndMessages() {
        GuardPatterns patterns = GuardPatterns.compile(List.of(), List.of("zz", "yy"));
        String text = "x".repeat(1000);
        assertThat(patterns.check(List.of(text), 10_000).outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(patterns.check(java.util.Collections.nCopies(20, text), 10_000).outcome()).isEqualTo(Outcome.TOO_COSTLY);
    }

    @Test
    void aStackOverflowInTheMatcherIsACostlyPatternNotACrash() {
        GuardPatterns patterns = GuardPatterns.compile(List.of(), List.of("(a|b)*c"));
        GuardPatterns.Verdict v = patterns.check(List.of("ab".repeat(200_000)), Long.MAX_VALUE);
        assertThat(v.outcome()).isEqualTo(Outcome.TOO_COSTLY);
    }
}
