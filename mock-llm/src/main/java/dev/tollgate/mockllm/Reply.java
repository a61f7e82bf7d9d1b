package dev.tollgate.mockllm;

import dev.tollgate.mockllm.ContentGenerator.Completion;
import dev.tollgate.mockllm.ToolCalls.ToolCall;

/**
 * What the mock answers a conversation with, before a provider's handler puts it in its own
 * shape: a text, or a call of one of the request's tools.
 */
sealed interface Reply permits Completion, ToolCall {

    /** The completion tokens: the words of a text, the pieces of a call's argument JSON. */
    int tokens();

    /** The piece streamed as token {@code i}; all pieces joined give the whole answer. */
    String piece(int i);
}
