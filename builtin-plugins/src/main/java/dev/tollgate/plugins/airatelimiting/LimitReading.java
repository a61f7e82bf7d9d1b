package dev.tollgate.plugins.airatelimiting;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.tollgate.plugins.airatelimiting.TokenLimit.Type;
import dev.tollgate.commons.limits.Amounts;

/**
 * One limit's count for a client as of the request's start, and what the client is told of it.
 *
 * @param count counter units used in the current window: tokens, or billionths of the currency
 */
record LimitReading(TokenLimit limit, long count) {
    static final String TOKEN_LIMIT_CODE = "token_limit_exceeded";
    static final String BUDGET_CODE = "budget_exceeded";

    boolean usedUp() {
        return count >= limit.units();
    }

    /**
     * {@code X-AI-RateLimit-Limit-<name>}, {@code -Remaining-} and {@code -Reset-} (seconds) for
     * each limit read, named by {@link TokenLimit#headerSuffix()}.
     */
    static Map<String, String> headers(List<LimitReading> readings, long nowMillis) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (LimitReading r : readings) {
            String name = r.limit().headerSuffix();
            headers.put("X-AI-RateLimit-Limit-" + name, Amounts.text(r.limit().limit()));
            headers.put("X-AI-RateLimit-Remaining-" + name, r.amount(Math.max(0, r.limit().units() - r.count())));
            headers.put("X-AI-RateLimit-Reset-" + name, Long.toString(r.limit().window().secondsUntilReset(nowMillis)));
        }
        return headers;
    }

    /** "…: the spend budget of 5 per month is spent (5.0012 of 5); resets in 86399 s (at 2026-…Z)". */
    static String message(String prefix, List<LimitReading> usedUp, long nowMillis) {
        return prefix + ": " + usedUp.stream().map(r -> r.limit().describe()
                        + (r.limit().type() == Type.COST ? " is spent (" : " is used up (") + r.amount(r.count())
                        + " of " + Amounts.text(r.limit().limit()) + "); resets in "
                        + r.limit().window().secondsUntilReset(nowMillis) + " s (at "
                        + r.limit().window().resetsAt(nowMillis) + ")")
                .collect(Collectors.joining("; "));
    }

    /** budget_exceeded when a spend budget is among the used-up limits: it is the one that costs money. */
    static String code(List<LimitReading> usedUp) {
        return usedUp.stream().anyMatch(r -> r.limit().type() == Type.COST) ? BUDGET_CODE : TOKEN_LIMIT_CODE;
    }

    /** Seconds until every used-up limit has reset: the request cannot pass before the last of them does. */
    static long retryAfter(List<LimitReading> usedUp, long nowMillis) {
        return usedUp.stream().mapToLong(r -> r.limit().window().secondsUntilReset(nowMillis)).max().orElse(1);
    }

    /** Counter units as the client reads them: tokens, or the currency with up to nine decimals. */
    private String amount(double units) {
        if (limit.type() == Type.TOKENS) {
            return Amounts.text(units);
        }
        return BigDecimal.valueOf(Math.round(units)).movePointLeft(9).stripTrailingZeros().toPlainString();
    }
}
