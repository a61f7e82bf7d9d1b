package dev.tollgate.commons.llm.call;

import java.util.Locale;

/** The kinds of failure a call to a provider can meet, as ai-proxy's {@code failover_criteria} names them. */
public enum CallFailure {
    /** The connection failed or dropped. */
    ERROR,
    /** Connecting or reading took longer than allowed. */
    TIMEOUT,
    /** The provider answered 429. */
    HTTP_429,
    /** The provider answered 5xx. */
    HTTP_5XX;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The failure a non-2xx status counts as; empty for the other 4xx (the request was wrong, the provider is up). */
    public static java.util.Optional<CallFailure> ofStatus(int status) {
        return status == 429 ? java.util.Optional.of(HTTP_429)
                : status >= 500 ? java.util.Optional.of(HTTP_5XX) : java.util.Optional.empty();
    }
}
