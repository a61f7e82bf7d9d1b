package dev.tollgate.sdk.llm;

import java.util.Optional;

import dev.tollgate.sdk.UpstreamRequest;

/**

 * The AI side of a request: its chat view, shared by every plugin of the request.

 *

 * @since 0.1.0

 */
public interface LlmContext {

    /**
     * The request as a chat request, parsed from the client's body on the first call (which
     * buffers the body); empty when the body is not a JSON object with a {@code messages} array.
     * After a plugin replaces the body ({@link UpstreamRequest#setBody}), it is
     * parsed from the new body, so later plugins see what will be sent.
     */
    Optional<ChatRequest> request();

    /**
     * What the LLM call used, once the plugin that made it has reported it: for a whole answer
     * from {@code header_filter} on, for a stream in the last {@code body_filter} call and in
     * {@code log}. Empty when no AI plugin answered the request.
     */
    default Optional<LlmUsage> usage() {
        return Optional.empty();
    }
}
