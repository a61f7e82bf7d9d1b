package dev.tollgate.commons.llm.provider;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.TokenUsage;
import dev.tollgate.commons.llm.sse.SseEvent;

/**
 * Turns one provider's streamed chat answer into OpenAI {@code chat.completion.chunk} objects,
 * event by event. One translator per stream; not thread-safe.
 *
 * <p>Chunks carry {@code id}, {@code object}, {@code created}, {@code model} and
 * {@code choices[].delta} / {@code finish_reason} as OpenAI sends them. A translator never emits
 * the usage-only chunk: usage is reported through {@link #usage()} and the plugin writes that
 * chunk when the client asked for it. An error the provider reports mid-stream becomes an
 * OpenAI error object {@code {"error":{"message","type","code"}}} in place of a chunk, as OpenAI
 * itself sends one and its SDKs raise it; {@link #done()} stays false then.
 */
public interface StreamTranslator {

    /** The chunks one upstream event becomes: none, one or several. */
    List<ObjectNode> onEvent(SseEvent event);

    /** True once the provider signalled the end of the answer ({@code [DONE]}, {@code message_stop}, ...). */
    boolean done();

    /** Token counts the stream reported, once it has reported them. */
    Optional<TokenUsage> usage();

    /** The model the provider says answered, once known. */
    Optional<String> model();
}
