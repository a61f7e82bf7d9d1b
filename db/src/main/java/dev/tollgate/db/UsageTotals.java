package dev.tollgate.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The sums of a group of usage records, as the database adds them up; two parts of one group
 * (a summed day and the records of today) add up with {@link #plus}.
 *
 * @param key  the group's key (a model, a consumer id, a day number ...); null for records without one
 * @param cost the priced records' cost, null when none is priced
 */
record UsageTotals(String key, String anyName, long requests, long prompt, long completion, long total, long cached,
                   long reasoning, Double cost, String minCurrency, String maxCurrency, long unpriced) {

    /** The columns that {@link #read} reads, in SQL over usage_records. */
    static final String SQL = "COUNT(*) AS requests,"
            + " COALESCE(SUM(prompt_tokens), 0) AS s_prompt, COALESCE(SUM(completion_tokens), 0) AS s_completion,"
            + " COALESCE(SUM(total_tokens), 0) AS s_total, COALESCE(SUM(cached_prompt_tokens), 0) AS s_cached,"
            + " COALESCE(SUM(reasoning_tokens), 0) AS s_reasoning, SUM(cost) AS s_cost,"
            + " MIN(currency) AS min_currency, MAX(currency) AS max_currency,"
            + " COALESCE(SUM(CASE WHEN cost IS NULL THEN 1 ELSE 0 END), 0) AS unpriced";

    static UsageTotals read(ResultSet rs, String key, String anyName) throws SQLException {
        double cost = rs.getDouble("s_cost");
        Double c = rs.wasNull() ? null : cost;
        return new UsageTotals(key, anyName, rs.getLong("requests"), rs.getLong("s_prompt"), rs.getLong("s_completion"),
                rs.getLong("s_total"), rs.getLong("s_cached"), rs.getLong("s_reasoning"), c, rs.getString("min_currency"),
                rs.getString("max_currency"), rs.getLong("unpriced"));
    }

    UsageTotals plus(UsageTotals o) {
        return new UsageTotals(key, anyName != null ? anyName : o.anyName, requests + o.requests, prompt + o.prompt,
                completion + o.completion, total + o.total, cached + o.cached, reasoning + o.reasoning,
                cost == null ? o.cost : o.cost == null ? cost : cost + o.cost, min(minCurrency, o.minCurrency),
                max(maxCurrency, o.maxCurrency), unpriced + o.unpriced);
    }

    private static String min(String a, String b) {
        return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
    }

    private static String max(String a, String b) {
        return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * The Admin API's row. Cost adds up the priced records; when those are in several currencies
     * the sum means nothing, so {@code cost} is null and {@code currency} is {@code "mixed"}.
     */
    Map<String, Object> toMap(UsageGrouping grouping) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (grouping == UsageGrouping.DAY) {
            m.put("day", LocalDate.ofEpochDay(Long.parseLong(key)).toString());
        } else if (grouping == UsageGrouping.HOUR) {
            m.put("hour", Instant.ofEpochMilli(Long.parseLong(key) * 3_600_000L).toString());
        } else if (grouping != null) {
            m.put(grouping.key(), key);
        }
        if (grouping == UsageGrouping.CONSUMER) {
            m.put("consumer_name", anyName);
        }
        m.put("requests", requests);
        m.put("prompt_tokens", prompt);
        m.put("completion_tokens", completion);
        m.put("total_tokens", total);
        m.put("cached_prompt_tokens", cached);
        m.put("reasoning_tokens", reasoning);
        boolean mixed = minCurrency != null && !Objects.equals(minCurrency, maxCurrency);
        m.put("cost", cost != null && !mixed ? cost : null);
        m.put("currency", mixed ? "mixed" : minCurrency);
        m.put("unpriced_requests", unpriced);
        return m;
    }
}
