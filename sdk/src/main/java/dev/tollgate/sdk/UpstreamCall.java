package dev.tollgate.sdk;

import java.util.List;
import java.util.Map;

import dev.tollgate.sdk.llm.LlmUsage;

/**

 * The request as every request phase left it, handed to an {@link UpstreamHandler}.

 *

 * @since 0.1.0

 */
@Experimental
public interface UpstreamCall {

    String method();

    /** The path (percent-encoded) as plugins left it. */
    String path();

    /** The raw query, without '?'; empty for none. */
    String rawQuery();

    /** The headers that would go upstream, names lower-cased. */
    Map<String, List<String>> headers();

    /**
     * The body that would go upstream: the client's, or what plugins made of it (a changed chat
     * request included). Read when first asked for.
     */
    byte[] body();

    /**
     * Reports what an LLM call used. Plugins read it from {@code ctx.llm().usage()}; the gateway
     * prices it and writes the usage record. Report once, when the counts are final (after the
     * last chunk of a stream).
     */
    void reportUsage(LlmUsage usage);

    /**
     * As {@link #reportUsage(LlmUsage)}; {@code recorded} false keeps the call out of the usage
     * records (plugins still see the usage), as the AI proxy's {@code logging.log_statistics} asks.
     */
    default void reportUsage(LlmUsage usage, boolean recorded) {
        reportUsage(usage);
    }
}
