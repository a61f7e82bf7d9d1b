package dev.tollgate.commons.support;

/**
 * Text from users (a consumer's username, a model name a client chose) made fit to be a header
 * value: control characters become spaces and the ends are trimmed, since a header value may not
 * start or end with whitespace. Without this, a username such as {@code " bob"} made every
 * request of that consumer fail with a 500.
 */
public final class HeaderText {
    private HeaderText() {
    }

    public static String of(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return out.toString().strip();
    }
}
