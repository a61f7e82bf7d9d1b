package dev.tollgate.plugins.aisanitizer;

/**
 * Puts the request's values back where the answer repeats a placeholder, however the answer is
 * cut into pieces: a piece that ends with what could still become a placeholder ("&lt;EMA") keeps
 * that much back, and nothing more, until the next piece decides it.
 */
final class PlaceholderRestorer implements TextStream {
    private final Placeholders placeholders;
    private final boolean jsonEscaped;
    private String held = "";

    /** {@code jsonEscaped}: the text is inside a JSON string (tool-call arguments), so values are escaped. */
    PlaceholderRestorer(Placeholders placeholders, boolean jsonEscaped) {
        this.placeholders = placeholders;
        this.jsonEscaped = jsonEscaped;
    }

    @Override
    public String feed(String piece) {
        String text = held.isEmpty() ? piece : held + piece;
        int cut = text.length();
        int lt = text.lastIndexOf('<');
        if (lt >= 0 && text.indexOf('>', lt) < 0 && placeholders.couldComplete(text.substring(lt))) {
            cut = lt;
        }
        held = text.substring(cut);
        return placeholders.restore(cut == text.length() ? text : text.substring(0, cut), jsonEscaped);
    }

    @Override
    public String flush() {
        String rest = held;
        held = "";
        return rest; // a placeholder's beginning that never ended is just text
    }

    @Override
    public boolean idle() {
        return held.isEmpty();
    }

    /** What is held back now, for tests: never more than a placeholder's prefix. */
    String held() {
        return held;
    }
}
