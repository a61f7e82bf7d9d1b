package dev.tollgate.plugins.aisanitizer;

import java.util.List;

/**
 * Finds one kind of sensitive data. Implementations hold only compiled, immutable state, so
 * one instance serves every request; the work per call is one cheap pass over the text (or
 * over its number runs), with the expensive checks (checksums, regexes) run on candidates only.
 */
interface Detector {

    /** The kind this detector reports, e.g. {@code EMAIL}. */
    String label();

    /** Adds what it finds in {@code text} to {@code out}, in any order; overlaps are resolved by the scanner. */
    void find(ScanText text, List<Finding> out);
}
