package dev.tollgate.plugins.aisanitizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What each mode writes in place of each kind. */
class ModesTest {
    static final String TEXT = "Mail jane.doe@example.com, call +1 (415) 555-0132, card 4242 4242 4242 4242, "
            + "SSN 123-45-6789, IBAN DE89 3704 0044 0532 0130 00, host 203.0.113.45, key AKIAIOSFODNN7EXAMPLE.";

    private static String prompt(Mode mode, String text, Placeholders placeholders) {
        return new Anonymizer(mode, Map.of()).prompt(text, DetectorTest.ALL.scan(text), placeholders);
    }

    @Test
    void redactNamesTheKind() {
        assertThat(prompt(Mode.REDACT, TEXT, null)).isEqualTo("Mail [EMAIL], call [PHONE], card [CREDIT_CARD], "
                + "SSN [SSN], IBAN [IBAN], host [IP], key [SECRET].");
    }

    @Test
    void maskLeavesEnoughToRecogniseAndNoMore() {
        assertThat(prompt(Mode.MASK, TEXT, null)).isEqualTo("Mail j***@example.com, call +* (***) ***-0132, "
                + "card **** **** **** 4242, SSN ***-**-6789, IBAN DE** **** **** **** **30 00, host 203.0.*.*, "
                + "key AKIA****.");
        assertThat(prompt(Mode.MASK, "v6 2001:db8::1 and sk-" + "a1".repeat(20), null))
                .isEqualTo("v6 2001:db8:**** and sk-****");
    }

    @Test
    void placeholdersAreNumberedPerKindAndStableForTheSameValue() {
        Placeholders p = new Placeholders(List.of());
        String first = prompt(Mode.PLACEHOLDER, "a@x.io, b@x.io, +44 20 7946 0958 and a@x.io again", p);
        String second = prompt(Mode.PLACEHOLDER, "write b@x.io; c@x.io is new", p);
        assertThat(first).isEqualTo("<EMAIL_1>, <EMAIL_2>, <PHONE_1> and <EMAIL_1> again");
        assertThat(second).isEqualTo("write <EMAIL_2>; <EMAIL_3> is new");
        assertThat(p.restore(first + " | " + second, false))
                .isEqualTo("a@x.io, b@x.io, +44 20 7946 0958 and a@x.io again | write b@x.io; c@x.io is new");
        assertThat(p.toString()).doesNotContain("x.io");
    }

    @Test
    void aPlaceholderTheClientWroteItselfIsNeverReused() {
        String text = "Template: <EMAIL_1> is replaced by a@x.io";
        Placeholders p = new Placeholders(List.of(text));
        assertThat(prompt(Mode.PLACEHOLDER, text, p)).isEqualTo("Template: <EMAIL_1> is replaced by <EMAIL_2>");
        assertThat(p.restore("<EMAIL_1> / <EMAIL_2>", false)).isEqualTo("<EMAIL_1> / a@x.io");
    }

    @Test
    void aPromptWithTensOfThousandsOfValuesStaysLinear() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append("user").append(i).append("@example.com <EMAIL_").append(i * 2 + 1).append("> ");
        }
        String prompt = text.toString();
        long start = System.nanoTime();
        Placeholders p = new Placeholders(List.of(prompt));
        String out = prompt(Mode.PLACEHOLDER, prompt, p);
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms").isLessThan(3_000);
        assertThat(p.size()).isEqualTo(20_000);
        // the client wrote the odd-numbered placeholders itself: the even ones are handed out
        assertThat(out).startsWith("<EMAIL_2> <EMAIL_1> <EMAIL_4> <EMAIL_3> ");
        assertThat(p.couldComplete("<EMAIL_39")).isTrue();
        assertThat(p.couldComplete("<EMAIL_X")).isFalse();
    }

    @Test
    void customPatternsUseTheirReplacementExceptInPlaceholderMode() {
        var scanner = Detectors.scanner(List.of("email"),
                List.of(new CustomPatternDetector("employee_id", java.util.regex.Pattern.compile("EMP-\\d{5}"))));
        String text = "EMP-12345 is bob@x.io";
        var findings = scanner.scan(text);
        Map<String, String> replacement = Map.of("EMPLOYEE_ID", "[staff]");
        assertThat(new Anonymizer(Mode.REDACT, replacement).prompt(text, findings, null)).isEqualTo("[staff] is [EMAIL]");
        assertThat(new Anonymizer(Mode.MASK, replacement).prompt(text, findings, null)).isEqualTo("[staff] is b***@x.io");
        assertThat(new Anonymizer(Mode.REDACT, Map.of()).prompt(text, findings, null)).isEqualTo("[EMPLOYEE_ID] is [EMAIL]");
        assertThat(new Anonymizer(Mode.PLACEHOLDER, replacement).prompt(text, findings, new Placeholders(List.of())))
                .isEqualTo("<EMPLOYEE_ID_1> is <EMAIL_1>");
    }

    @Test
    void answersAreRedactedNotGivenNewPlaceholders() {
        Anonymizer a = new Anonymizer(Mode.PLACEHOLDER, Map.of());
        String answer = "Reach support at help@corp.io";
        assertThat(a.answer(answer, DetectorTest.ALL.scan(answer))).isEqualTo("Reach support at [EMAIL]");
    }

    @Test
    void restoringEscapesValuesInsideJsonStrings() {
        Placeholders p = new Placeholders(List.of());
        p.placeholderFor("NAME", "say \"hi\"\\");
        assertThat(p.restore("{\"q\":\"<NAME_1>\"}", true)).isEqualTo("{\"q\":\"say \\\"hi\\\"\\\\\"}");
        assertThat(p.restore("<NAME_1> <NAME_2> <NAME_1", false)).isEqualTo("say \"hi\"\\ <NAME_2> <NAME_1");
    }
}
