package dev.tollgate.mockllm;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalInt;

/**
 * What every chat endpoint reads from its request, whichever provider's shape it came in.
 *
 * @param model        as the request names it, echoed back
 * @param conversation what the answer is made from
 * @param stream       whether to stream the answer
 * @param maxTokens    the provider's own limit ({@code max_tokens}, {@code maxOutputTokens},
 *                     {@code num_predict}, ...), which cuts the answer and says so
 * @param mockTokens   the mock-only {@code mock_tokens}: the answer's exact length before any cut
 * @param tokenDelayMs the mock-only {@code mock_token_delay_ms}: this stream's pause between tokens,
 *                     instead of the server's {@code --token-delay-ms} (0 for none)
 */
record ChatRequest(String model, Conversation conversation, boolean stream, OptionalInt maxTokens, OptionalInt mockTokens,
                   OptionalInt tokenDelayMs) {

    ChatRequest {
        requireNonNull(model, "model");
        requireNonNull(conversation, "conversation");
        requireNonNull(maxTokens, "maxTokens");
        requireNonNull(mockTokens, "mockTokens");
        requireNonNull(tokenDelayMs, "tokenDelayMs");
    }

    /** With {@code mock_tokens} and {@code mock_token_delay_ms} read from the request's {@code json}. */
    static ChatRequest of(
            JsonNode json, String model, Conversation conversation, boolean stream, OptionalInt maxTokens) {
        return new ChatRequest(model, conversation, stream, maxTokens,
                RequestJson.positiveInt(json, "mock_tokens", RequestJson.MAX_MOCK_TOKENS),
                RequestJson.intIn(json, "mock_token_delay_ms", 0, 60_000));
    }

    /** Paces {@code sse} as this request asks, when it does. */
    void pace(EventStream sse) {
        tokenDelayMs.ifPresent(ms -> sse.tokenDelay(java.time.Duration.ofMillis(ms)));
    }

    /** See {@link Conversation#reply}. */
    Reply reply() {
        return conversation.reply(mockTokens, maxTokens);
    }

    int promptTokens() {
        return conversation.promptTokens();
    }
}
