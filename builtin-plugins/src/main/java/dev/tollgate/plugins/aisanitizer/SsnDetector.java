package dev.tollgate.plugins.aisanitizer;

import java.util.List;

/**
 * US Social Security numbers: "123-45-6789" or "123 45 6789", and nine bare digits right after
 * "SSN" or "social security". Numbers the SSA never issues are not SSNs: area 000, 666 or 900–999,
 * group 00, serial 0000.
 */
final class SsnDetector implements Detector {
    static final String LABEL = "SSN";
    private static final WordPrefixes SSN_WORDS = new WordPrefixes(List.of("ssn", "social security", "seguro social",
            "sozialversicherung"));

    @Override
    public String label() {
        return LABEL;
    }

    @Override
    public void find(ScanText t, List<Finding> out) {
        String text = t.text;
        for (NumberRun run : t.runs()) {
            if (run.digits != 9 || run.plus || run.gluedRight || run.paren(0)) {
                continue;
            }
            boolean formatted = run.groups == 3 && run.groupLength(0) == 3 && run.groupLength(1) == 2
                    && !run.paren(1) && !run.paren(2)
                    && (run.sepBefore(1) == '-' || run.sepBefore(1) == ' ') && run.sepBefore(2) == run.sepBefore(1);
            boolean bare = run.groups == 1 && t.wordBefore(run.start, 24, SSN_WORDS);
            if ((formatted || bare) && issuable(run.digitsOf(text, 0, run.groups - 1))) {
                out.add(new Finding(LABEL, run.start, run.end));
            }
        }
    }

    static boolean issuable(String nine) {
        int area = Integer.parseInt(nine, 0, 3, 10);
        int group = Integer.parseInt(nine, 3, 5, 10);
        int serial = Integer.parseInt(nine, 5, 9, 10);
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
    }
}
