package dev.tollgate.plugins.aisanitizer;

/**
 * Text that arrives in pieces (the deltas of one streamed choice or content block): each piece
 * gives what can go to the client now; {@link #flush} gives the rest when the text ends.
 */
interface TextStream {

    String feed(String piece);

    String flush();

    /** True when nothing is held back: a piece without a placeholder's '<' would pass unchanged. */
    boolean idle();

    /** This stream's output fed into {@code next}. */
    default TextStream then(TextStream next) {
        TextStream first = this;
        return new TextStream() {
            @Override
            public String feed(String piece) {
                return next.feed(first.feed(piece));
            }

            @Override
            public String flush() {
                return next.feed(first.flush()) + next.flush();
            }

            @Override
            public boolean idle() {
                return false; // a redactor in front may change any piece
            }
        };
    }

    /** A whole text through a fresh stream. */
    static String whole(TextStream stream, String text) {
        return stream.feed(text) + stream.flush();
    }
}
