package dev.tollgate.commons.llm.call;

/**
 * A one-shot call ({@link LlmCall}) that brought no usable answer. The message names the model
 * (provider/model) and what went wrong, never the credential.
 */
public final class LlmCallException extends RuntimeException {

    /** What went wrong. */
    public enum Reason {
        /** Connecting or reading took longer than the timeouts allow. */
        TIMEOUT,
        /** The provider could not be reached, or the connection dropped. */
        UNREACHABLE,
        /** The provider answered with an error status. */
        ERROR_STATUS,
        /** The provider answered 2xx with something that is not a readable answer. */
        BAD_ANSWER,
        /** The provider cannot serve the request. */
        UNSUPPORTED
    }

    private final Reason reason;
    private final int providerStatus;

    LlmCallException(Reason reason, int providerStatus, String message, Throwable cause) {
        super(message, cause, false, false);
        this.reason = reason;
        this.providerStatus = providerStatus;
    }

    public Reason reason() {
        return reason;
    }

    /** The provider's HTTP status for {@link Reason#ERROR_STATUS}; 0 otherwise. */
    public int providerStatus() {
        return providerStatus;
    }

    /** The status a gateway answers for it: 504 for a timeout, 502 (bad gateway) for the rest. */
    public int gatewayStatus() {
        return reason == Reason.TIMEOUT ? 504 : 502;
    }
}
