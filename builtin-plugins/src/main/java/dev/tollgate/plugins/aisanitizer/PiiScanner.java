package dev.tollgate.plugins.aisanitizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the configured detectors over a text and keeps one finding per stretch of text: where two
 * overlap, the detector listed first wins (custom patterns, then secrets, e-mail, IBAN, card, SSN,
 * IP, phone: the more specific and better-checked kinds first), then the longer finding.
 * Immutable; one per plugin instance.
 */
final class PiiScanner {
    private final List<Detector> detectors;

    PiiScanner(List<Detector> detectors) {
        this.detectors = List.copyOf(detectors);
    }

    List<Detector> detectors() {
        return detectors;
    }

    /** The findings in {@code text}, ordered by position and not overlapping; a budget of its own. */
    List<Finding> scan(String text) {
        return scan(text, ReadBudget.forTexts(List.of(text)));
    }

    /** The findings in {@code text}, custom patterns charged to {@code budget} (the request's). */
    List<Finding> scan(String text, ReadBudget budget) {
        if (text.isEmpty()) {
            return List.of();
        }
        ScanText t = new ScanText(text, budget);
        TreeMap<Integer, Finding> kept = new TreeMap<>(); // by start; kept findings never overlap
        List<Finding> found = new ArrayList<>(4);
        for (Detector d : detectors) {
            found.clear();
            d.find(t, found);
            found.sort(Comparator.comparingInt(Finding::length).reversed());
            for (Finding f : found) {
                Map.Entry<Integer, Finding> before = kept.floorEntry(f.start());
                Map.Entry<Integer, Finding> after = kept.ceilingEntry(f.start());
                if ((before == null || !before.getValue().overlaps(f)) && (after == null || !after.getValue().overlaps(f))) {
                    kept.put(f.start(), f);
                }
            }
        }
        return List.copyOf(kept.values());
    }
}
