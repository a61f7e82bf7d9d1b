package dev.tollgate.sdk.llm;

import java.util.List;
import java.util.Optional;

/**
 * The client's chat request in OpenAI's format, the canonical form every provider's request is
 * read into. Parsed once per request and shared by every plugin; a plugin's change is seen by
 * the plugins after it, and the body is written again before it goes upstream only if
 * something changed.
 *
 * @since 0.1.0
 */
public interface ChatRequest {

    /** {@code model}, or empty when the client left it to the gateway. */
    Optional<String> model();

    void setModel(String model);

    /** The messages, in order; the list is live: changes through it apply to the request. */
    List<ChatMessage> messages();

    /** Inserts a message at {@code index} (0 = first) and returns it. */
    ChatMessage addMessage(int index, String role, String content);

    /** Appends a message and returns it. */
    default ChatMessage addMessage(String role, String content) {
        return addMessage(messages().size(), role, content);
    }

    /** Removes the message at {@code index}. */
    void removeMessage(int index);

    /** {@code "stream": true}. */
    boolean stream();

    /**
     * Any other top-level field ({@code temperature}, {@code max_tokens}, {@code tools}, ...) as
     * JSON values: String, Number, Boolean, List, Map, or null.
     */
    Optional<Object> parameter(String name);

    /** Sets a top-level field; {@code value} as for {@link #parameter}. */
    void setParameter(String name, Object value);

    void removeParameter(String name);

    /** True when a plugin changed the request. */
    boolean changed();
}
