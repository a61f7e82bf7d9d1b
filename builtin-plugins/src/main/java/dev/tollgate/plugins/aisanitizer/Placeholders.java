package dev.tollgate.plugins.aisanitizer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    private final List<String> originals;
    private int longest;

    /** {@code originals}: the request's texts, so no placeholder is one the client itself wrote. */
    Placeholders(List<String> originals) {
        this.originals = originals;
    }

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
        } while (writtenByClient(p));
        byValue.put(value, p);
        byPlaceholder.put(p, value);
        longest = Math.max(longest, p.length());
        return p;
    }

    private boolean writtenByClient(String placeholder) {
        for (String text : originals) {
            if (text.contains(placeholder)) {
                return true;
            }
        }
        return false;
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
        for (String p : byPlaceholder.keySet()) {
            if (p.startsWith(tail)) {
                return true;
            }
        }
        return false;
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
