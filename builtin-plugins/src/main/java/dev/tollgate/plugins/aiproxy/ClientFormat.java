package dev.tollgate.plugins.aiproxy;

import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.TokenUsage;

/**
 * The API the route's clients speak (llm_format): requests are read into OpenAI's format, and
 * OpenAI-format answers, errors and stream chunks are written back in the client's.
 */
interface ClientFormat {

    /** The OpenAI-format request for the client's body; an IllegalArgumentException names a bad field. */
    ObjectNode toOpenAi(ObjectNode clientBody);

    /** The body the client gets for an OpenAI-format answer. */
    byte[] answer(ObjectNode openAi);

    /**
     * True when {@link #answer} writes the OpenAI answer as it is, so the bytes of an answer that
     * already is one (an OpenAI provider's) can go to the client without being written again.
     */
    default boolean answersOpenAiAsIs() {
        return false;
    }

    /** The body the client gets for an OpenAI-shaped error. */
    byte[] error(int status, ObjectNode openAiError);

    /** A writer for one streamed answer; {@code model} names it until the provider does. */
    StreamWriter streamWriter(boolean includeUsage, String model);

    /**
     * True when requests in this format go to {@code provider} unchanged (an Anthropic client and
     * an Anthropic target): nothing to translate either way, tokens still read from the answer.
     */
    default boolean passesThrough(String provider) {
        return false;
    }

    /** Writes a streamed answer's events. Not thread-safe: one per stream. */
    interface StreamWriter {

        /** The bytes for one OpenAI chunk. */
        byte[] chunk(ObjectNode openAiChunk);

        /** The bytes for an error the provider reported mid-stream; the stream ends after it. */
        byte[] error(ObjectNode openAiError);

        /** The bytes that end the stream, with the final usage when known. */
        byte[] end(Optional<TokenUsage> usage, StreamMeta meta);
    }

    /** What the stream's last event repeats: the completion's id, model and creation time. */
    record StreamMeta(String id, String model, long created) {
    }
}
