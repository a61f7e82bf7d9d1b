package dev.tollgate.plugins.aisanitizer;

/**
 * The issuer ranges (IIN prefixes) of the card networks and the lengths each issues. A Luhn-valid
 * number outside them is a number, not a card: the Luhn check alone passes one number in ten.
 */
final class CardIssuers {

    /** One range: numbers whose first {@code digits} digits lie in [low, high], of length [minLength, maxLength]. */
    private record Range(int digits, int low, int high, int minLength, int maxLength) {
    }

    private static final Range[] RANGES = {
        new Range(1, 4, 4, 13, 19),              // Visa (13 and 16 in practice, 19 for some debit)
        new Range(2, 51, 55, 16, 16),            // Mastercard
        new Range(4, 2221, 2720, 16, 16),        // Mastercard 2-series
        new Range(2, 34, 34, 15, 15),            // American Express
        new Range(2, 37, 37, 15, 15),
        new Range(4, 6011, 6011, 16, 19),        // Discover
        new Range(3, 644, 649, 16, 19),
        new Range(2, 65, 65, 16, 19),
        new Range(3, 300, 305, 14, 19),          // Diners Club
        new Range(2, 36, 36, 14, 19),
        new Range(2, 38, 39, 16, 19),
        new Range(4, 3528, 3589, 16, 19),        // JCB
        new Range(2, 62, 62, 16, 19),            // UnionPay
        new Range(4, 2200, 2204, 16, 19),        // Mir
        new Range(4, 5018, 5018, 13, 19),        // Maestro
        new Range(4, 5020, 5020, 13, 19),
        new Range(4, 5038, 5038, 13, 19),
        new Range(4, 5893, 5893, 13, 19),
        new Range(4, 6304, 6304, 13, 19),
        new Range(4, 6759, 6759, 13, 19),
        new Range(4, 6761, 6763, 13, 19),
        new Range(2, 60, 60, 16, 16),            // RuPay
        new Range(3, 508, 508, 16, 16),
    };

    private CardIssuers() {
    }

    private static final int[] TENS = {1000, 100, 10, 1};

    static boolean known(String digits) {
        int length = digits.length();
        int first4 = Integer.parseInt(digits, 0, 4, 10);
        for (Range r : RANGES) {
            if (length >= r.minLength() && length <= r.maxLength()) {
                int prefix = first4 / TENS[r.digits() - 1];
                if (prefix >= r.low() && prefix <= r.high()) {
                    return true;
                }
            }
        }
        return false;
    }
}
