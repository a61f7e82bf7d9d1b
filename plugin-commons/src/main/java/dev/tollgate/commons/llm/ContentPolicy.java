package dev.tollgate.commons.llm;

import dev.tollgate.sdk.ContextKey;

/**
 * What plugins tell each other about the personal data in a request's content. ai-sanitizer
 * sets {@link #ANSWER_SCANNED} when it masks personal data in the model's answer: the answer as
 * the model gave it may then hold data the client never sees, so a plugin that exports content
 * (opentelemetry's {@code capture_content}) leaves the answer out.
 */
public final class ContentPolicy {
    /** Present (true) when ai-sanitizer masks personal data in this request's answer. */
    public static final ContextKey<Boolean> ANSWER_SCANNED = ContextKey.of("tollgate.answer-scanned", Boolean.class);

    private ContentPolicy() {
    }
}
