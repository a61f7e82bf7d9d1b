package dev.tollgate.commons.llm.sse;

/** How a provider frames a streamed answer. */
public enum StreamFraming {
    /** {@code text/event-stream}: OpenAI, Anthropic, Gemini ({@code alt=sse}), Mistral. */
    SSE,
    /** One JSON object per line: Ollama's native API. */
    NDJSON
}
