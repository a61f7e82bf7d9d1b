package dev.tollgate.commons.limits;

import java.math.BigDecimal;

/** How limits and counts appear in headers and messages. */
public final class Amounts {
    private Amounts() {
    }

    /**
     * A limit as people write it: whole ones without a fraction ({@code 5}, not {@code 5.0}), and
     * no exponent ({@code 0.0001}, not {@code 1.0E-4}).
     */
    public static String text(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
