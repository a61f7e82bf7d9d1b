package dev.tollgate.plugins.aisanitizer;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * One request's placeholders and the values they stand for. Lives only in the request's context:
 * never stored, cached or logged ({@link #toString} shows no value). Not thread-safe: a request's
 * phases run one after the other.
 */
final class Placeholders {
    private final Map<String, String> byValue = new HashMap<>();
    private final Map<String, String> byPlaceholder = new HashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();
    /** The placeholders in order, to tell in O(log n) whether a text's end could still become one. */
    private final TreeSet<String> sorted = new TreeSet<>();
    /** Everything of the form "<…>" the client wrote itself: never handed out as a placeholder. */
    private final Set<String> writtenByClient = new HashSet<>();
    private int longest;

    /** {@code originals}: the request's texts, so no placeholder is one the client itself wrote. */
    Placeholders(List<String> originals) {
        for (String text : originals) {
            for (int lt = text.indexOf('<'); lt >= 0; lt = text.indexOf('<', lt + 1)) {
                int gt = text.indexOf('>', lt);
                if (gt < 0) {
                    break;
                }
                if (gt - lt <= MAX_LENGTH) {
                    writtenByClient.add(text.substring(lt, gt + 1));
                }
            }
        }
    }

    /** Longer than any placeholder: "<" + a label of at most 40 characters + "_" + a number + ">". */
    private static final int MAX_LENGTH = 64;

    /** The placeholder of {@code value}: the same one each time the value occurs in the request. */
    String placeholderFor(String label, String value) {
        String known = byValue.get(value);
        if (known != null) {
            return known;
        }
        String p;
        do {
            int n = counters.merge(label, 1, Integer::sum);
            p = "<" + label + "_" + n + ">";
        } while (writtenByClient.contains(p));
        byValue.put(value, p);
        byPlaceholder.put(p, value);
        sorted.add(p);
        longest = Math.max(longest, p.length());
        return p;
    }

    boolean isEmpty() {
        return byPlaceholder.isEmpty();
    }

    int size() {
        return byPlaceholder.size();
    }

    /** True when {@code tail} (starting with '<') could still become one of the placeholders. */
    boolean couldComplete(String tail) {
        if (tail.length() >= longest) {
            return false;
        }
        String next = sorted.ceiling(tail); // the first placeholder not before tail: starts with it if any does
        return next != null && next.startsWith(tail);
    }

    /** {@code text} with every placeholder replaced by its value; JSON-escaped when it goes into a JSON string. */
    String restore(String text, boolean jsonEscaped) {
        int lt = text.indexOf('<');
        if (lt < 0 || isEmpty()) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        while (lt >= 0) {
            int gt = text.indexOf('>', lt + 1);
            if (gt < 0) {
                break;
            }
            String value = gt - lt < longest ? byPlaceholder.get(text.substring(lt, gt + 1)) : null;
            if (value == null) {
                lt = text.indexOf('<', lt + 1);
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 32);
            }
            out.append(text, copied, lt).append(jsonEscaped ? new String(JsonStringEncoder.getInstance().quoteAsString(value)) : value);
            copied = gt + 1;
            lt = text.indexOf('<', copied);
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    @Override
    public String toString() {
        return "Placeholders[" + byPlaceholder.size() + " values]"; // never the values
    }
}
