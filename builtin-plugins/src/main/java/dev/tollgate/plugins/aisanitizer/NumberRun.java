package dev.tollgate.plugins.aisanitizer;

import static dev.tollgate.plugins.aisanitizer.ScanText.digit;
import static dev.tollgate.plugins.aisanitizer.ScanText.wordChar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Digits written the way phone numbers, cards, SSNs and IP addresses are: groups of digits
 * joined by one separator each ({@code ' '}, {@code '-'}, {@code '.'}, {@code '/'}), groups in
 * parentheses, an optional leading {@code '+'}: "+1 (415) 555-0132", "4111 1111 1111 1111",
 * "192.168.1.1". Parsed in one pass over the text and shared by those detectors, so each of them
 * looks at a handful of runs instead of running a regex over the whole prompt.
 *
 * <p>A run glued to a word on its left ("INV-2024", "v1.2.3", "a716-4466") is not a run: it
 * is part of an identifier. Glue on the right (a letter, or ":" / "," followed by a digit, as in
 * times, ports and thousands) is recorded and left to each detector.
 */
final class NumberRun {
    static final int MAX_GROUPS = 16;
    /** Fewer digits are nothing any detector looks for (the shortest, an IPv4 address, has four). */
    static final int MIN_DIGITS = 4;

    final int start;
    final int end;
    final boolean plus;
    final int groups;
    final int digits;
    /** The character right after the run, or 0 at the end of the text. */
    final char after;
    final boolean gluedRight;
    private final int[] groupStart;
    private final int[] groupEnd;
    private final boolean[] paren;
    private final char[] sepBefore;

    private NumberRun(int start, int end, boolean plus, int groups, int[] groupStart, int[] groupEnd,
                      boolean[] paren, char[] sepBefore, char after, boolean gluedRight) {
        this.start = start;
        this.end = end;
        this.plus = plus;
        this.groups = groups;
        this.groupStart = groupStart;
        this.groupEnd = groupEnd;
        this.paren = paren;
        this.sepBefore = sepBefore;
        this.after = after;
        this.gluedRight = gluedRight;
        int d = 0;
        for (int i = 0; i < groups; i++) {
            d += groupEnd[i] - groupStart[i];
        }
        this.digits = d;
    }

    /** Where group {@code i}'s digits start (inside its parentheses). */
    int groupStart(int i) {
        return groupStart[i];
    }

    int groupEnd(int i) {
        return groupEnd[i];
    }

    int groupLength(int i) {
        return groupEnd[i] - groupStart[i];
    }

    boolean paren(int i) {
        return paren[i];
    }

    /** The separator before group {@code i}: a space, '-', '.', '/', or 0 for none (the first group, or after ')'). */
    char sepBefore(int i) {
        return sepBefore[i];
    }

    /** Where group {@code i} starts including its opening parenthesis. */
    int outerStart(int i) {
        return paren[i] ? groupStart[i] - 1 : groupStart[i];
    }

    /** Where group {@code i} ends including its closing parenthesis. */
    int outerEnd(int i) {
        return paren[i] ? groupEnd[i] + 1 : groupEnd[i];
    }

    /** The digits of groups {@code from..to} (inclusive), separators left out. */
    String digitsOf(String text, int from, int to) {
        StringBuilder sb = new StringBuilder(20);
        for (int i = from; i <= to; i++) {
            sb.append(text, groupStart[i], groupEnd[i]);
        }
        return sb.toString();
    }

    /** The numeric value of group {@code i}, for groups of up to nine digits. */
    int groupValue(String text, int i) {
        int v = 0;
        for (int k = groupStart[i]; k < groupEnd[i]; k++) {
            v = v * 10 + (text.charAt(k) - '0');
        }
        return v;
    }

    static List<NumberRun> parseAll(String text) {
        List<NumberRun> runs = new ArrayList<>();
        Scratch scratch = new Scratch();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            boolean opens = digit(c) || (c == '+' || c == '(') && i + 1 < n && digit(text.charAt(i + 1));
            if (!opens) {
                i++;
                continue;
            }
            if (gluedLeft(text, i)) {
                i++;
                while (i < n && wordChar(text.charAt(i))) {
                    i++;
                }
                continue;
            }
            NumberRun run = parse(text, i, scratch);
            if (run == null) {
                i++;
                continue;
            }
            if (run.digits >= MIN_DIGITS) {
                runs.add(run);
            }
            i = Math.max(run.end, i + 1);
        }
        return runs;
    }

    private static boolean gluedLeft(String text, int i) {
        if (i == 0) {
            return false;
        }
        char p = text.charAt(i - 1);
        if (wordChar(p)) {
            return true;
        }
        if (i < 2) {
            return false;
        }
        char pp = text.charAt(i - 2);
        return switch (p) {
            case '-', '.', '/' -> Character.isLetterOrDigit(pp);
            case ':', ',' -> digit(pp);
            default -> false;
        };
    }

    /** The arrays a run is parsed into, reused across the runs of one text; each run keeps a copy of its part. */
    private static final class Scratch {
        final int[] gs = new int[MAX_GROUPS];
        final int[] ge = new int[MAX_GROUPS];
        final boolean[] pa = new boolean[MAX_GROUPS];
        final char[] sep = new char[MAX_GROUPS];
    }

    private static NumberRun parse(String text, int start, Scratch scratch) {
        int n = text.length();
        int pos = start;
        boolean plus = text.charAt(pos) == '+';
        if (plus) {
            pos++;
        }
        int[] gs = scratch.gs;
        int[] ge = scratch.ge;
        boolean[] pa = scratch.pa;
        char[] sep = scratch.sep;
        int groups = 0;
        char pendingSep = 0;
        while (groups < MAX_GROUPS && pos < n) {
            char c = text.charAt(pos);
            if (c == '(') {
                int q = pos + 1;
                while (q < n && q - pos <= 5 && digit(text.charAt(q))) {
                    q++;
                }
                if (q == pos + 1 || q >= n || text.charAt(q) != ')') {
                    break;
                }
                gs[groups] = pos + 1;
                ge[groups] = q;
                pa[groups] = true;
                pos = q + 1;
            } else if (digit(c)) {
                int q = pos;
                while (q < n && digit(text.charAt(q))) {
                    q++;
                }
                gs[groups] = pos;
                ge[groups] = q;
                pos = q;
            } else {
                break;
            }
            if (c != '(') {
                pa[groups] = false;
            }
            sep[groups] = pendingSep;
            groups++;
            pendingSep = 0;
            if (pos >= n) {
                break;
            }
            char s = text.charAt(pos);
            if (s == '(' || pa[groups - 1] && digit(s)) {
                continue; // "+49(0)30", "(0)30": no separator around parentheses
            }
            if ((s == ' ' || s == '-' || s == '.' || s == '/') && pos + 1 < n) {
                char next = text.charAt(pos + 1);
                if (digit(next) || next == '(' && pos + 2 < n && digit(text.charAt(pos + 2))) {
                    pendingSep = s;
                    pos++;
                    continue;
                }
            }
            break;
        }
        if (groups == 0) {
            return null;
        }
        int end = pa[groups - 1] ? ge[groups - 1] + 1 : ge[groups - 1];
        if (pendingSep != 0) {
            end = Math.min(end, pos - 1); // a separator followed by something that was no group
        }
        char after = end < n ? text.charAt(end) : 0;
        boolean glued = end < n && (wordChar(after)
                || (after == ':' || after == ',' || after == '-' || after == '.' || after == '/')
                && end + 1 < n && digit(text.charAt(end + 1)));
        return new NumberRun(start, end, plus, groups, Arrays.copyOf(gs, groups), Arrays.copyOf(ge, groups),
                Arrays.copyOf(pa, groups), Arrays.copyOf(sep, groups), after, glued);
    }
}
