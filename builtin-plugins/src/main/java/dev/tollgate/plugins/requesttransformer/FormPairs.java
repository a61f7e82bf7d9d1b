package dev.tollgate.plugins.requesttransformer;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code name=value} pairs of a query string or a form body, in order, changed by Kong's
 * rules. Pairs no rule touched keep their original text, so the rest of the query or body goes
 * on exactly as the client sent it.
 */
final class FormPairs {

    /** One pair; {@code raw} is its text as sent, or null once a rule has changed it. */
    private record Pair(String name, String value, String raw) {
        String text() {
            return raw != null ? raw : encode(name) + "=" + encode(value);
        }
    }

    private final List<Pair> pairs;

    private FormPairs(List<Pair> pairs) {
        this.pairs = pairs;
    }

    /** The pairs of {@code raw} ({@code a=1&b=2}); a name or value that is not valid percent-encoding is taken as written. */
    static FormPairs parse(String raw) {
        List<Pair> pairs = new ArrayList<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            pairs.add(new Pair(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)), pair));
        }
        return new FormPairs(pairs);
    }

    /** Applies {@code rules}; true when anything changed. */
    boolean apply(Rules rules) {
        boolean changed = false;
        for (String name : rules.remove()) {
            changed |= pairs.removeIf(p -> p.name().equals(name));
        }
        for (Rules.Entry e : rules.rename()) {
            changed |= rename(e.name(), e.value());
        }
        for (Rules.Entry e : rules.replace()) {
            changed |= replace(e.name(), e.value());
        }
        for (Rules.Entry e : rules.add()) {
            if (!contains(e.name())) {
                pairs.add(new Pair(e.name(), e.value(), null));
                changed = true;
            }
        }
        for (Rules.Entry e : rules.append()) {
            pairs.add(new Pair(e.name(), e.value(), null));
            changed = true;
        }
        return changed;
    }

    /** Every pair named {@code from} takes the name {@code to}; pairs already named {@code to} are dropped. */
    private boolean rename(String from, String to) {
        if (!contains(from) || from.equals(to)) {
            return false;
        }
        pairs.removeIf(p -> p.name().equals(to));
        pairs.replaceAll(p -> p.name().equals(from) ? new Pair(to, p.value(), null) : p);
        return true;
    }

    /** A present name gets the one value, in the place of its first pair. */
    private boolean replace(String name, String value) {
        int first = indexOf(name);
        if (first < 0) {
            return false;
        }
        pairs.set(first, new Pair(name, value, null));
        for (int i = pairs.size() - 1; i > first; i--) {
            if (pairs.get(i).name().equals(name)) {
                pairs.remove(i);
            }
        }
        return true;
    }

    private boolean contains(String name) {
        return indexOf(name) >= 0;
    }

    private int indexOf(String name) {
        for (int i = 0; i < pairs.size(); i++) {
            if (pairs.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return pairs.stream().map(Pair::text).collect(Collectors.joining("&"));
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    // %20 rather than '+': a query string reader need not know form encoding, and form readers take both.
    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
