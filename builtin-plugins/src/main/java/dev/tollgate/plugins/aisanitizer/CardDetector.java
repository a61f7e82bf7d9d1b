package dev.tollgate.plugins.aisanitizer;

import java.util.List;

/**
 * Payment card numbers: 13–19 digits, bare or in groups joined by spaces or dashes, that pass
 * the Luhn check and start with a known issuer range of a length that issuer uses. Within a
 * longer run of groups ("ref 12 4111 1111 1111 1111") every window of whole groups is tried.
 */
final class CardDetector implements Detector {
    static final String LABEL = "CREDIT_CARD";

    @Override
    public String label() {
        return LABEL;
    }

    @Override
    public void find(ScanText t, List<Finding> out) {
        for (NumberRun run : t.runs()) {
            if (run.digits >= 13 && !run.plus) {
                findIn(t.text, run, out);
            }
        }
    }

    private static void findIn(String text, NumberRun run, List<Finding> out) {
        for (int i = 0; i < run.groups; i++) {
            if (i > 0 && run.sepBefore(i) != ' ' || run.paren(i)) {
                continue; // a card starts a token
            }
            char sep = 0;
            int digits = 0;
            for (int j = i; j < run.groups && !run.paren(j); j++) {
                if (j > i) {
                    char s = run.sepBefore(j);
                    if (s != ' ' && s != '-' || sep != 0 && s != sep) {
                        break;
                    }
                    sep = s;
                }
                digits += run.groupLength(j);
                if (digits > 19 || j > i && !cardLayout(run, i, j)) {
                    break;
                }
                boolean endsToken = j == run.groups - 1 ? !run.gluedRight : run.sepBefore(j + 1) == ' ';
                if (digits >= 13 && endsToken) {
                    String number = run.digitsOf(text, i, j);
                    if (CardIssuers.known(number) && luhn(number)) {
                        out.add(new Finding(LABEL, run.groupStart(i), run.groupEnd(j)));
                        i = j;
                        break;
                    }
                }
            }
        }
    }

    /**
     * Grouped cards are printed 4-4-4-4(-3), 4-6-5 (Amex) or 4-6-4 (Diners): a first group of four,
     * then groups of four to six (the last may be shorter). "302-5551234-5678901" is an order number.
     */
    private static boolean cardLayout(NumberRun run, int first, int upTo) {
        if (run.groupLength(first) != 4) {
            return false;
        }
        for (int k = first + 1; k < upTo; k++) {
            if (run.groupLength(k) < 4 || run.groupLength(k) > 6) {
                return false;
            }
        }
        return run.groupLength(upTo) <= 6;
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
