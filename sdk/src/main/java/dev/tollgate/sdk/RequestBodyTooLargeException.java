package dev.tollgate.sdk;

/**
 * The client's body is over the gateway's limit ({@code proxy.max-body-size}); thrown by
 * {@link ClientRequest#body()}. Let it through: the gateway answers {@code 413}. A plugin that
 * catches {@link RuntimeException} around code that reads the body should rethrow this one.
 *
 * @since 0.1.0
 */
public final class RequestBodyTooLargeException extends RuntimeException {
    public RequestBodyTooLargeException() {
        super("Request size limit exceeded", null, false, false);
    }
}
