package dev.tollgate.plugins.aisanitizer;

import java.util.List;

/**
 * E-mail addresses, found from each '@': a local part of letters (any script), digits and
 * {@code . _ % + -} (an apostrophe between letters, as in o'connor), and a domain of at least two
 * labels whose last is a top-level domain of letters. Not an address: "@mention", "user@localhost",
 * "pkg@1.2.3", a URL's user ("https://token@host"), or scp syntax ("git@github.com:org/repo").
 */
final class EmailDetector implements Detector {
    static final String LABEL = "EMAIL";

    @Override
    public String label() {
        return LABEL;
    }

    @Override
    public void find(ScanText t, List<Finding> out) {
        String text = t.text;
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            int start = localStart(text, at);
            int end = domainEnd(text, at);
            if (start < 0 || end < 0) {
                continue;
            }
            boolean urlUser = start >= 2 && text.startsWith("//", start - 2);
            boolean scp = end + 1 < text.length() && text.charAt(end) == ':' && !Character.isWhitespace(text.charAt(end + 1));
            if (!urlUser && !scp) {
                out.add(new Finding(LABEL, start, end));
            }
        }
    }

    /** The local part's first character, or -1 when there is none. */
    private static int localStart(String text, int at) {
        int s = at;
        while (s > 0) {
            char c = text.charAt(s - 1);
            if (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-') {
                s--;
            } else if (c == '\'' && s >= 2 && Character.isLetter(text.charAt(s - 2)) && s < at
                    && Character.isLetter(text.charAt(s))) {
                s--;
            } else {
                break;
            }
        }
        while (s < at && (text.charAt(s) == '.' || text.charAt(s) == '-')) {
            s++;
        }
        return s == at || text.charAt(at - 1) == '.' ? -1 : s;
    }

    /** One past the domain's last character, or -1 when the text after '@' is no domain. */
    private static int domainEnd(String text, int at) {
        int n = text.length();
        int labels = 0;
        int pos = at + 1;
        int lastLabelStart = -1;
        int end = -1;
        while (pos < n) {
            int labelStart = pos;
            while (pos < n && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos == labelStart || text.charAt(labelStart) == '-' || text.charAt(pos - 1) == '-') {
                break;
            }
            labels++;
            lastLabelStart = labelStart;
            end = pos;
            if (pos + 1 < n && text.charAt(pos) == '.' && Character.isLetterOrDigit(text.charAt(pos + 1))) {
                pos++;
            } else {
                break;
            }
        }
        if (labels < 2 || end - lastLabelStart < 2) {
            return -1;
        }
        for (int i = lastLabelStart; i < end; i++) {
            if (!Character.isLetter(text.charAt(i)) && !text.startsWith("xn--", lastLabelStart)) {
                return -1;
            }
        }
        return end;
    }
}
