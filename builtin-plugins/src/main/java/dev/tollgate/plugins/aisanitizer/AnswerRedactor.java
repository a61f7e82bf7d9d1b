package dev.tollgate.plugins.aisanitizer;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * Finds sensitive data in a streamed answer ({@code scan_response}) and replaces it. A value
 * may be cut across pieces, so the last {@value #WINDOW} characters are held back (longer where a
 * finding runs into them) until enough follows to decide; the text before them is final. The
 * last {@value #CONTEXT} characters sent are kept as left context for the detectors that read
 * the words before a number.
 */
final class AnswerRedactor implements TextStream {
    static final int WINDOW = 128;
    /** A finding that keeps growing (a PEM block) is held at most this long. */
    static final int MAX_HELD = 16 * 1024;
    static final int CONTEXT = 32;

    private final PiiScanner scanner;
    private final Anonymizer anonymizer;
    private final boolean jsonEscaped;
    private final StringBuilder held = new StringBuilder();
    private String sent = "";

    AnswerRedactor(PiiScanner scanner, Anonymizer anonymizer, boolean jsonEscaped) {
        this.scanner = scanner;
        this.anonymizer = anonymizer;
        this.jsonEscaped = jsonEscaped;
    }

    @Override
    public String feed(String piece) {
        held.append(piece);
        if (held.length() <= WINDOW) {
            return "";
        }
        return emit(held.length() - WINDOW, held.length() > MAX_HELD);
    }

    @Override
    public String flush() {
        return held.isEmpty() ? "" : emit(held.length(), true);
    }

    @Override
    public boolean idle() {
        return false; // any piece may hold data to redact
    }

    /** Sends the held text up to {@code cut}, moved back to the start of a finding that crosses it unless {@code force}. */
    private String emit(int cut, boolean force) {
        String text = sent + held;
        int offset = sent.length();
        List<Finding> findings = new ArrayList<>();
        for (Finding f : scanner.scan(text)) {
            if (f.end() > offset) {
                findings.add(new Finding(f.label(), Math.max(0, f.start() - offset), f.end() - offset));
            }
        }
        String own = held.toString();
        if (!force) {
            for (Finding f : findings) {
                if (f.start() < cut && f.end() > cut) {
                    cut = f.start();
                }
            }
        }
        int end = cut;
        List<Finding> done = findings.stream().filter(f -> f.end() <= end).toList();
        String out = anonymizer.answer(own.substring(0, cut), done);
        held.delete(0, cut);
        String emitted = own.substring(0, cut);
        sent = (sent + emitted).substring(Math.max(0, sent.length() + emitted.length() - CONTEXT));
        return jsonEscaped && !done.isEmpty() ? escapeReplacements(own.substring(0, cut), done, out) : out;
    }

    /** In a JSON string the replacements must be escaped; the text around them already is. */
    private String escapeReplacements(String raw, List<Finding> done, String out) {
        StringBuilder sb = new StringBuilder(out.length() + 8);
        int copied = 0;
        for (Finding f : done) {
            sb.append(raw, copied, f.start());
            String replaced = anonymizer.answer(raw.substring(f.start(), f.end()), List.of(new Finding(f.label(), 0, f.length())));
            sb.append(JsonStringEncoder.getInstance().quoteAsString(replaced));
            copied = f.end();
        }
        return sb.append(raw, copied, raw.length()).toString();
    }
}
