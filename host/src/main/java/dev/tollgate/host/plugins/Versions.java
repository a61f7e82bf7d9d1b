package dev.tollgate.host.plugins;

import java.util.Comparator;

/**
 * Orders version strings as people write them: {@code 1.10.0} after {@code 1.9.2}, numbers
 * compared as numbers, and a release after its own pre-releases ({@code 2.0.0-SNAPSHOT} before
 * {@code 2.0.0}). Anything past the numbers is compared as text.
 */
final class Versions {
    static final Comparator<String> ORDER = Versions::compare;

    private Versions() {
    }

    static int compare(String a, String b) {
        String[] x = split(a);
        String[] y = split(b);
        String[] xs = x[0].split("\\.");
        String[] ys = y[0].split("\\.");
        for (int i = 0; i < Math.max(xs.length, ys.length); i++) {
            int c = Long.compare(number(xs, i), number(ys, i));
            if (c != 0) {
                return c;
            }
        }
        if (x[1].isEmpty() != y[1].isEmpty()) {
            return x[1].isEmpty() ? 1 : -1; // 2.0.0 is newer than 2.0.0-SNAPSHOT
        }
        return x[1].compareTo(y[1]);
    }

    /** The numeric part and the rest: {@code 1.2.3-rc1} is {@code [1.2.3, rc1]}. */
    private static String[] split(String v) {
        String s = v.strip();
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        String rest = s.substring(i);
        return new String[] {s.substring(0, i), rest.startsWith("-") || rest.startsWith("+") ? rest.substring(1) : rest};
    }

    private static long number(String[] parts, int i) {
        if (i >= parts.length || parts[i].isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(parts[i]);
        } catch (NumberFormatException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
