package dev.tollgate.plugins.aisanitizer;

/** Rewrites one answer's body as it passes through body_filter; one per request. */
interface AnswerFilter {

    /** What the client gets for this chunk; {@code last} is the final call. */
    byte[] filter(byte[] chunk, boolean last);

    /** Opens the text stream of one piece of the answer: restoring, redacting, or both. */
    @FunctionalInterface
    interface Streams {
        /**
         * @param prose       true for text a model wrote (content, text, tool arguments), which
         *                    scan_response scans; false for other fields, which are only restored
         * @param jsonEscaped true when the text lies inside a JSON string (tool-call arguments)
         */
        TextStream open(boolean prose, boolean jsonEscaped);
    }
}
