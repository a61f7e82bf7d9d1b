package dev.tollgate.host.plugins;

import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * Orders version strings as people write them: {@code 1.10.0} after {@code 1.9.2}, numbers
 * compared as numbers however long, a leading {@code v} ignored, a release after its own
 * pre-releases ({@code 2.0.0-SNAPSHOT} before {@code 2.0.0}), build metadata ({@code +build.2})
 * ignored, as semantic versioning has it. Anything else past the numbers is compared as text.
 */
final class Versions {
    static final Comparator<String> ORDER = Versions::compare;
    private static final Pattern VERSION = Pattern.compile("[vV]?[0-9]+(\\.[0-9]+)*([-+].*)?");

    private Versions() {
    }

    /** True for what {@link #compare} reads as a version: numbers and dots, maybe a {@code v} before and a qualifier after. */
    static boolean isVersion(String v) {
        return v != null && VERSION.matcher(v.strip()).matches();
    }

    static int compare(String a, String b) {
        String[] x = split(a);
        String[] y = split(b);
        String[] xs = x[0].split("\\.");
        String[] ys = y[0].split("\\.");
        for (int i = 0; i < Math.max(xs.length, ys.length); i++) {
            int c = compareNumbers(part(xs, i), part(ys, i));
            if (c != 0) {
                return c;
            }
        }
        if (x[1].isEmpty() != y[1].isEmpty()) {
            return x[1].isEmpty() ? 1 : -1; // 2.0.0 is newer than 2.0.0-SNAPSHOT
        }
        return x[1].compareTo(y[1]);
    }

    /** The numeric part and the pre-release: {@code v1.2.3-rc1+b7} is {@code [1.2.3, rc1]}. */
    private static String[] split(String version) {
        String s = version == null ? "" : version.strip();
        if (s.startsWith("v") || s.startsWith("V")) {
            s = s.substring(1);
        }
        int plus = s.indexOf('+');
        if (plus >= 0) {
            s = s.substring(0, plus); // build metadata does not order versions
        }
        int i = 0;
        while (i < s.length() && (isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        String rest = s.substring(i);
        return new String[] {s.substring(0, i), rest.startsWith("-") ? rest.substring(1) : rest};
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String part(String[] parts, int i) {
        if (i >= parts.length || parts[i].isEmpty()) {
            return "0";
        }
        String p = parts[i].replaceFirst("^0+(?=.)", "");
        return p;
    }

    /** Decimal strings of any length, compared as numbers. */
    private static int compareNumbers(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    /** A value from a file, safe to log: printable ASCII only, at most 40 characters. */
    static String printable(String v) {
        String cut = v.length() > 40 ? v.substring(0, 40) + "…" : v;
        return cut.replaceAll("[^\\x20-\\x7e…]", "?");
    }
}
