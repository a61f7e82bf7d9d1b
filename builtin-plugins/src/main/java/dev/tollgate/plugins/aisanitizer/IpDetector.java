package dev.tollgate.plugins.aisanitizer;

import static dev.tollgate.plugins.aisanitizer.ScanText.wordChar;

import java.util.List;

/**
 * IPv4 addresses (four dotted octets 0–255 without leading zeros, optionally followed by a port
 * or a prefix length) and IPv6 addresses (full, "::"-compressed, with an embedded IPv4 tail).
 * Not a version or section number: "1.2.3" has three parts, "1.2.3.4.5" five, and four parts
 * right after "version", "release", "chapter" or "v" are not an address either.
 */
final class IpDetector implements Detector {
    static final String LABEL = "IP";
    private static final WordPrefixes VERSION_WORDS = new WordPrefixes(List.of("version", "release", "build ", "v ",
            "chapter", "section", "kapitel", "abschnitt", "chapitre", "capítulo", "sección", "capitolo"));

    @Override
    public String label() {
        return LABEL;
    }

    @Override
    public void find(ScanText t, List<Finding> out) {
        for (NumberRun run : t.runs()) {
            if (isV4(t, run)) {
                out.add(new Finding(LABEL, run.start, run.groupEnd(3)));
            }
        }
        findV6(t.text, out);
    }

    private static boolean isV4(ScanText t, NumberRun run) {
        if (run.groups < 4 || run.plus || run.groups > 4 && run.sepBefore(4) == '.') {
            return false;
        }
        if (run.groups == 4 && run.gluedRight && run.after != ':') {
            return false; // "1.2.3.4a", "1.2.3.4,5"; a port ":8080" is fine
        }
        for (int i = 0; i < 4; i++) {
            int len = run.groupLength(i);
            if (run.paren(i) || i > 0 && run.sepBefore(i) != '.' || len > 3
                    || len > 1 && t.text.charAt(run.groupStart(i)) == '0' || run.groupValue(t.text, i) > 255) {
                return false;
            }
        }
        return !t.wordBefore(run.start, 12, VERSION_WORDS);
    }

    private static void findV6(String text, List<Finding> out) {
        int n = text.length();
        int colon = text.indexOf(':');
        while (colon >= 0) {
            int s = colon;
            while (s > 0 && v6Char(text.charAt(s - 1))) {
                s--;
            }
            int e = colon;
            while (e < n && v6Char(text.charAt(e))) {
                e++;
            }
            while (e > s && text.charAt(e - 1) == '.') {
                e--; // the sentence's full stop
            }
            boolean bounded = (s == 0 || !wordChar(text.charAt(s - 1))) && (e == n || !wordChar(text.charAt(e)));
            if (bounded && e - s >= 3 && validV6(text, s, e)) {
                out.add(new Finding(LABEL, s, e));
            }
            colon = text.indexOf(':', Math.max(e, colon + 1));
        }
    }

    private static boolean v6Char(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.';
    }

    /** RFC 4291 text forms; at least one digit, so words made of hex letters ("add::bed") are no address. */
    static boolean validV6(String text, int s, int e) {
        String a = text.substring(s, e);
        if (a.chars().noneMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int dbl = a.indexOf("::");
        if (dbl >= 0 && a.indexOf("::", dbl + 1) >= 0 || a.contains(":::")) {
            return false;
        }
        String[] parts = a.split(":", -1);
        int groups = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty()) {
                continue; // the "::" (or its edges)
            }
            if (p.indexOf('.') >= 0) {
                if (i != parts.length - 1 || !dottedQuad(p)) {
                    return false;
                }
                groups += 2;
            } else if (p.length() > 4) {
                return false;
            } else {
                groups++;
            }
        }
        if (dbl < 0) {
            return groups == 8 && !a.startsWith(":") && !a.endsWith(":");
        }
        boolean edgesOk = (!a.startsWith(":") || a.startsWith("::")) && (!a.endsWith(":") || a.endsWith("::"));
        return edgesOk && groups < 8 && (groups >= 2 || a.equals("::1"));
    }

    private static boolean dottedQuad(String p) {
        String[] octets = p.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String o : octets) {
            if (o.isEmpty() || o.length() > 3 || o.length() > 1 && o.charAt(0) == '0' || !o.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(o) > 255) {
                return false;
            }
        }
        return true;
    }
}
