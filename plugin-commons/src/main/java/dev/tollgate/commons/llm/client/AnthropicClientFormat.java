package dev.tollgate.commons.llm.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Anthropic's Messages API as the client's format: a client sends Messages requests
 * ({@code POST /v1/messages}) and the gateway serves them from an OpenAI-format upstream, or from
 * any provider through the OpenAI form. Stateless and thread-safe; the stream writer is per stream.
 *
 * <p>What maps: system prompts, text, images (base64 and url), PDF and text documents, tool use
 * and tool results, custom tools and tool_choice, stop sequences, sampling parameters, metadata's
 * user id, streaming. What does not: Anthropic's server tools (web search, code execution, ...) are
 * refused; thinking blocks, {@code top_k}, {@code cache_control} marks and a tool result's
 * {@code is_error} are dropped, as OpenAI has no place for them.
 */
public final class AnthropicClientFormat {
    private static final AnthropicClientFormat INSTANCE = new AnthropicClientFormat();

    private AnthropicClientFormat() {
    }

    public static AnthropicClientFormat create() {
        return INSTANCE;
    }

    /**
     * The OpenAI chat request for a Messages request.
     *
     * @throws IllegalArgumentException naming the field, when the request is not a valid Messages request
     */
    public ObjectNode toOpenAi(ObjectNode messagesRequest) {
        return AnthropicClientRequests.toOpenAi(messagesRequest);
    }

    /** The Anthropic {@code message} for an OpenAI {@code chat.completion}. */
    public ObjectNode fromOpenAi(ObjectNode chatCompletion) {
        return AnthropicClientResponses.fromOpenAi(chatCompletion);
    }

    /**
     * Anthropic's {@code {"type":"error","error":{"type","message"}}} for an OpenAI-shaped error
     * sent with {@code status}; the type is the one Anthropic uses for that status.
     */
    public ObjectNode error(int status, ObjectNode openAiError) {
        return AnthropicClientResponses.error(status, openAiError);
    }

    /** A writer for one streamed answer; {@code model} names it until the upstream does. */
    public AnthropicStreamWriter streamWriter(String model) {
        return new AnthropicStreamWriter(model, 0);
    }

    /**
     * A writer whose {@code message_start} reports {@code promptTokens} (the gateway's own count):
     * OpenAI streams tell the prompt's size only at the end, in {@code message_delta}.
     */
    public AnthropicStreamWriter streamWriter(String model, long promptTokens) {
        return new AnthropicStreamWriter(model, promptTokens);
    }
}
