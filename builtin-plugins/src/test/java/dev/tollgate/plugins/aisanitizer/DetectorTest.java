package dev.tollgate.plugins.aisanitizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Each detector on its own: what it takes, what it leaves, and the checks behind it. */
class DetectorTest {
    static final PiiScanner ALL = Detectors.scanner(List.of("all_and_credentials"), List.of());

    /** The findings as "LABEL:value". */
    static List<String> found(PiiScanner scanner, String text) {
        return scanner.scan(text).stream().map(f -> f.label() + ":" + text.substring(f.start(), f.end())).toList();
    }

    static List<String> found(String text) {
        return found(ALL, text);
    }

    @Test
    void email() {
        assertThat(found("write to Ana.Lopez+news@sub.example.co.uk.")).containsExactly("EMAIL:Ana.Lopez+news@sub.example.co.uk");
        assertThat(found("«zoë@exämple.de»")).containsExactly("EMAIL:zoë@exämple.de");
        assertThat(found("@here see user@localhost, pkg@2.0.1, .hidden@x, a@b.c and git@host.org:repo.git")).isEmpty();
        assertThat(found("https://user@example.com/path")).isEmpty();
    }

    @Test
    void phone() {
        assertThat(found("+1 (415) 555-0132 / +44 20 7946 0958 / +49 30 901820 / 06 12 34 56 78"))
                .containsExactly("PHONE:+1 (415) 555-0132", "PHONE:+44 20 7946 0958", "PHONE:+49 30 901820",
                        "PHONE:06 12 34 56 78");
        assertThat(found("Tel: 4155550123")).containsExactly("PHONE:4155550123");
        assertThat(found("ticket 4155550123, 2024-05-12 14:30, 12.05.2024, v1.2.3, $1,299.99, 1 234 567 890 €")).isEmpty();
        assertThat(found("4155550123")).as("bare digits without a phone word are not a phone").isEmpty();
        assertThat(found("Please refund it and call 0171 1234567")).containsExactly("PHONE:0171 1234567");
    }

    @Test
    void ssnFollowsTheIssuingRules() {
        assertThat(found("SSN 536-22-8726")).containsExactly("SSN:536-22-8726");
        assertThat(SsnDetector.issuable("536228726")).isTrue();
        for (String never : List.of("000228726", "666228726", "900228726", "999228726", "536008726", "536220000")) {
            assertThat(SsnDetector.issuable(never)).as(never).isFalse();
        }
        assertThat(found("SSN 666-22-8726 and 536-00-8726")).isEmpty();
        assertThat(found("ssn: 536228726")).containsExactly("SSN:536228726");
        assertThat(found("order 536228726")).isEmpty();
    }

    @Test
    void cardsNeedLuhnAKnownIssuerAndACardLayout() {
        assertThat(found("pay 4111 1111 1111 1111 or 5555-5555-5555-4444 or 378282246310005"))
                .containsExactly("CREDIT_CARD:4111 1111 1111 1111", "CREDIT_CARD:5555-5555-5555-4444",
                        "CREDIT_CARD:378282246310005");
        assertThat(CardDetector.luhn("4111111111111111")).isTrue();
        assertThat(CardDetector.luhn("4111111111111112")).isFalse();
        assertThat(found("4111 1111 1111 1112")).as("Luhn fails").isEmpty();
        assertThat(found("9111 1111 1111 1119")).as("Luhn passes, no issuer starts with 9").isEmpty();
        assertThat(found("3782 8224 6310 005")).as("an Amex number but not its length layout? still 15 digits")
                .containsExactly("CREDIT_CARD:3782 8224 6310 005");
        assertThat(found("41 1111 1111 1111 11")).as("not a card layout").isEmpty();
        assertThat(found("ref 12 4111 1111 1111 1111")).containsExactly("CREDIT_CARD:4111 1111 1111 1111");
    }

    @Test
    void ibanNeedsTheCountrysLengthAndChecksum() {
        assertThat(found("IBAN DE89 3704 0044 0532 0130 00, GB82WEST12345698765432."))
                .containsExactly("IBAN:DE89 3704 0044 0532 0130 00", "IBAN:GB82WEST12345698765432");
        assertThat(found("DE89 3704 0044 0532 0130 01")).as("checksum").isEmpty();
        assertThat(found("DE89370400440532013000X")).as("glued to more").isEmpty();
        assertThat(found("QQ89370400440532013000")).as("no such country").isEmpty();
    }

    @Test
    void ipV4AndV6() {
        assertThat(found("from 203.0.113.45:8080 and [2001:db8::1]:443, ::ffff:192.0.2.1 too"))
                .containsExactly("IP:203.0.113.45", "IP:2001:db8::1", "IP:::ffff:192.0.2.1");
        assertThat(found("version 1.2.3.4, 1.2.3, 1.2.3.4.5, 256.1.1.1, 01.2.3.4, 12:30:45, 00:1A:2B:3C:4D:5E, std::map"))
                .isEmpty();
        assertThat(found("a very old building: 10.1.2.3")).containsExactly("IP:10.1.2.3");
        assertThat(IpDetector.validV6("2001:db8:0:0:0:0:0:1", 0, 20)).isTrue();
        assertThat(IpDetector.validV6("1:2:3:4:5:6:7", 0, 13)).isFalse();
        assertThat(IpDetector.validV6("1::2::3", 0, 7)).isFalse();
    }

    @Test
    void secretsByPrefix() {
        String aws = "AKIAIOSFODNN7EXAMPLE";
        String gh = "ghp_" + "a1".repeat(18);
        String slack = "xoxb-123456789012-abcdefghij";
        String google = "AIza" + "b".repeat(30) + "12345";
        String gitlab = "glpat-" + "x1".repeat(10);
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig_nature";
        assertThat(found(String.join(" ", aws, gh, slack, google, gitlab, jwt))).containsExactly("SECRET:" + aws,
                "SECRET:" + gh, "SECRET:" + slack, "SECRET:" + google, "SECRET:" + gitlab, "SECRET:" + jwt);
        assertThat(found("sk-learn, risk-free-" + "a1".repeat(15) + ", ghp_short, eyJ only")).isEmpty();
        String pem = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIB" + "A".repeat(40) + "\n-----END EC PRIVATE KEY-----";
        assertThat(found("key:\n" + pem + "\nbye")).containsExactly("SECRET:" + pem);
        String cut = "-----BEGIN PRIVATE KEY-----\n" + "Q".repeat(64) + "\n" + "R".repeat(20);
        assertThat(found(cut + "\nthat is all")).as("a key without its END line").containsExactly("SECRET:" + cut);
    }

    @Test
    void overlapsGoToTheMoreSpecificKind() {
        // an SSN is also shaped like a phone number; an IBAN's digits like a card
        assertThat(found("SSN 536-22-8726")).containsExactly("SSN:536-22-8726");
        assertThat(found("FR76 3000 6000 0112 3456 7890 189")).containsExactly("IBAN:FR76 3000 6000 0112 3456 7890 189");
        // a custom pattern wins over the built-ins
        PiiScanner custom = Detectors.scanner(List.of("all"),
                List.of(new CustomPatternDetector("account", Pattern.compile("acct:\\S+"))));
        assertThat(found(custom, "acct:jane@example.com")).containsExactly("ACCOUNT:acct:jane@example.com");
    }

    @Test
    void aCustomPatternThatBacktracksForeverFailsInsteadOfHanging() {
        PiiScanner evil = Detectors.scanner(List.of("custom"),
                List.of(new CustomPatternDetector("evil", Pattern.compile("(.*a){20}")))); // polynomial backtracking: seconds on 40 chars
        long start = System.nanoTime();
        assertThatThrownBy(() -> evil.scan("a".repeat(40) + "!"))
                .isInstanceOf(CustomPatternDetector.TooSlow.class).hasMessageContaining("'evil'");
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms").isLessThan(2_000);
    }

    @Test
    void aCustomPatternThatOverflowsTheStackFailsLikeOneThatRunsTooLong() {
        PiiScanner deep = Detectors.scanner(List.of("custom"),
                List.of(new CustomPatternDetector("deep", Pattern.compile("(a|b)*c"))));
        assertThatThrownBy(() -> deep.scan("ab".repeat(2_000)))
                .isInstanceOf(CustomPatternDetector.TooSlow.class).hasMessageContaining("'deep'");
    }

    @Test
    void aQuadraticCustomPatternOnAHugePromptIsCutOffInAbsoluteTerms() {
        PiiScanner quadratic = Detectors.scanner(List.of("custom"),
                List.of(new CustomPatternDetector("quad", Pattern.compile("a*a*b"))));
        long start = System.nanoTime();
        assertThatThrownBy(() -> quadratic.scan("a".repeat(1_000_000)))
                .isInstanceOf(CustomPatternDetector.TooSlow.class);
        // ReadBudget.MAX_READS at most: well under the ~10 s a budget growing with the prompt allowed
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms").isLessThan(4_000);
    }

    @Test
    void hostileInputStaysLinear() {
        // long runs of the characters detectors key on: digits, '@', ':', '<', prefixes
        String hostile = "1 ".repeat(20_000) + "@".repeat(20_000) + ":".repeat(20_000) + "sk-".repeat(5_000)
                + "-----BEGIN PRIVATE KEY-----".repeat(500) + "DE89".repeat(5_000);
        long start = System.nanoTime();
        ALL.scan(hostile);
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms for %d chars", hostile.length()).isLessThan(2_000);
    }
}
