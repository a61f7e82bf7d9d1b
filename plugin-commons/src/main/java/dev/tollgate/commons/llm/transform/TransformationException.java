package dev.tollgate.commons.llm.transform;

import java.util.Map;

/**
 * A transformation that cannot be used: the request or response it was for gets an error in
 * OpenAI's shape instead ({@link #body()}), never the untransformed original.
 */
public final class TransformationException extends RuntimeException {
    /** The LLM did not answer within {@code http_timeout}: 504. */
    public static final String TIMEOUT = "transformer_llm_timeout";
    /** The LLM could not be reached or answered with an error: 502. */
    public static final String LLM_FAILED = "transformer_llm_failed";
    /** The LLM answered, but not with something the plugin can use: 502. */
    public static final String UNUSABLE = "transformer_answer_unusable";

    private final int status;
    private final String code;

    public TransformationException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** An answer that cannot be used: 502 {@value #UNUSABLE}. */
    public static TransformationException unusable(String message) {
        return new TransformationException(502, UNUSABLE, message);
    }

    /** The status the client gets. */
    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** {@code {"error":{"message","type","code"}}}, as AI routes answer errors. */
    public Map<String, Object> body() {
        return Map.of("error", Map.of("message", getMessage(), "type", "api_error", "code", code));
    }
}
