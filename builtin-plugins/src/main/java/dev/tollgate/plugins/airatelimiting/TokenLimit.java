package dev.tollgate.plugins.airatelimiting;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.tollgate.commons.limits.Amounts;
import dev.tollgate.commons.limits.Window;

/**
 * One entry of {@code limits}: how much a client may use per window, of tokens or of cost.
 *
 * @param index  the entry's place in {@code limits}, for messages
 * @param limit  tokens, or cost in the price table's currency; at least 0 (0 refuses every request)
 * @param models empty: every request counts; otherwise only requests for one of these models
 */
record TokenLimit(int index, Window window, double limit, Type type, List<String> models) {
    /** Cost is counted in billionths, so that the integer counters keep a fraction of a cent exact. */
    static final double COST_UNITS = 1e9;

    // A provider's dated snapshot of a model: gpt-4o-2024-08-06, claude-3-5-sonnet-20241022.
    private static final Pattern DATED = Pattern.compile("\\d{4}-\\d{2}-\\d{2}|\\d{8}");
    private static final Pattern NOT_TOKEN = Pattern.compile("[^A-Za-z0-9!#$%&'*+.^_`|~-]");

    /** What a limit counts. */
    enum Type { TOKENS, COST }

    TokenLimit {
        models = List.copyOf(models);
    }

    /** The limit in counter units: tokens, or billionths of the currency. */
    double units() {
        return type == Type.COST ? limit * COST_UNITS : limit;
    }

    /**
     * True when a request for {@code model} counts toward this limit: every request when the
     * limit names no model; else one naming a listed model, or a dated snapshot of one.
     */
    boolean appliesTo(String model) {
        if (models.isEmpty() || models.contains(model)) {
            return true;
        }
        for (String m : models) {
            if (model.length() > m.length() + 1 && model.startsWith(m) && model.charAt(m.length()) == '-'
                    && DATED.matcher(model).region(m.length() + 1, model.length()).matches()) {
                return true;
            }
        }
        return false;
    }

    boolean scoped() {
        return !models.isEmpty();
    }

    /**
     * What the headers call this limit after {@code X-AI-RateLimit-Limit-}: {@code Minute},
     * {@code Cost-Month}, {@code Day-gpt-4o+gpt-4o-mini}. Characters a header name cannot hold
     * become {@code -}.
     */
    String headerSuffix() {
        String suffix = (type == Type.COST ? "Cost-" : "") + window.headerSuffix();
        return models.isEmpty() ? suffix : suffix + "-" + NOT_TOKEN.matcher(String.join("+", models)).replaceAll("-");
    }

    /** The counter of this limit for {@code client}: each limit counts apart from the others. */
    String key(String client) {
        return headerSuffix() + "|" + client;
    }

    /** How messages name it: "the limit of 1000 tokens per minute for gpt-4o". */
    String describe() {
        String amount = type == Type.COST ? "the spend budget of " + Amounts.text(limit) : "the limit of "
                + Amounts.text(limit) + " tokens";
        String scope = models.isEmpty() ? "" : " for " + String.join(", ", models);
        return amount + " per " + window.field() + scope;
    }

    /** Where it was configured: {@code config.limits[2]}. */
    String field() {
        return "config.limits[" + index + "]";
    }

    @Override
    public String toString() {
        return Amounts.text(limit) + (type == Type.COST ? " cost" : " tokens") + "/" + window.field()
                + (models.isEmpty() ? "" : models.stream().collect(Collectors.joining(",", "[", "]")));
    }

    static Type type(String name) {
        return Type.valueOf(name.toUpperCase(Locale.ROOT));
    }
}
