package dev.tollgate.commons.llm.provider;

/** A request the provider cannot serve (embeddings at Anthropic, ...); its message goes to the client with a 400. */
public final class UnsupportedRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsupportedRequestException(String message) {
        super(message);
    }
}
