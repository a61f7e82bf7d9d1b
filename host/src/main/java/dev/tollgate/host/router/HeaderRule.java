package dev.tollgate.host.router;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One entry of a route's {@code headers}: the request must carry the header with at least one value equal,
 * ignoring case, to a configured value, or found by a configured {@code ~*} regex.
 *
 * @param name     the lower-cased header name
 * @param values   the plain values
 * @param patterns the {@code ~*} values, compiled case-insensitive
 */
record HeaderRule(String name, List<String> values, List<Pattern> patterns) {

    static HeaderRule parse(String name, List<String> configured) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("host")) {
            throw new IllegalArgumentException("headers: 'host' (expected: hosts to match the Host header)");
        }
        if (configured == null || configured.isEmpty()) {
            throw new IllegalArgumentException("headers." + lower + ": " + configured + " (expected: at least one value)");
        }
        List<String> values = new ArrayList<>();
        List<Pattern> patterns = new ArrayList<>();
        for (String value : configured) {
            if (value.startsWith("~*")) {
                try {
                    patterns.add(Pattern.compile(value.substring(2), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("headers." + lower + ": '" + value
                            + "' (expected: a valid regex after '~*': " + e.getDescription() + ")", e);
                }
            } else {
                values.add(value);
            }
        }
        return new HeaderRule(lower, List.copyOf(values), List.copyOf(patterns));
    }

    /** Whether any value of this header in the request matches; the regex may match anywhere in the value, as in Kong. */
    boolean matches(Function<String, List<String>> headerValues) {
        List<String> present = headerValues.apply(name);
        if (present == null) {
            return false;
        }
        for (int i = 0; i < present.size(); i++) {
            String value = present.get(i);
            for (int j = 0; j < values.size(); j++) {
                if (values.get(j).equalsIgnoreCase(value)) {
                    return true;
                }
            }
            for (int j = 0; j < patterns.size(); j++) {
                if (patterns.get(j).matcher(value).find()) {
                    return true;
                }
            }
        }
        return false;
    }
}
