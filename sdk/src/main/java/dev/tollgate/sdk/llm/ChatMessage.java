package dev.tollgate.sdk.llm;

import java.util.Optional;

/**

 * One chat message: a role and its text (content parts other than text are kept as they are).

 *

 * @since 0.1.0

 */
public interface ChatMessage {

    /** {@code system}, {@code user}, {@code assistant}, {@code tool}, ... */
    String role();

    void setRole(String role);

    /**
     * The message's text: the string content, or the text parts of an array content joined
     * with newlines; empty string when there is none (tool calls).
     */
    String content();

    /** Replaces the text: a string content becomes {@code text}; in an array content the text parts become one. */
    void setContent(String text);

    /** The optional {@code name} field. */
    Optional<String> name();
}
