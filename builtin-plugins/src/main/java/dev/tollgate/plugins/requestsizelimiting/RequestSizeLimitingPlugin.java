package dev.tollgate.plugins.requestsizelimiting;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;

/**
 * Refuses request bodies over a size, as Kong's {@code request-size-limiting}: by the declared
 * Content-Length when there is one, otherwise by reading the body (a chunked upload).
 */
final class RequestSizeLimitingPlugin implements Plugin {
    static final String ERR_TOO_LARGE = "Request size limit exceeded";
    static final String ERR_LENGTH_REQUIRED = "A valid Content-Length header is required";

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private final RequestSizeLimitingConfig config;

    RequestSizeLimitingPlugin(RequestSizeLimitingConfig config) {
        this.config = requireNonNull(config, "config");
    }

    @Override
    public void access(PluginContext ctx) {
        OptionalLong declared = contentLength(ctx);
        long length;
        if (declared.isPresent()) {
            length = declared.getAsLong();
        } else if (config.requireContentLength()) {
            ctx.response().exit(411, Map.of("message", ERR_LENGTH_REQUIRED));
            return;
        } else {
            // Only without a declared length: reading buffers the whole body in memory.
            length = ctx.request().body().length;
        }
        if (length > config.allowedBytes()) {
            // A client waiting for "100 Continue" has not sent the body; 417 tells it not to.
            boolean expectsContinue = ctx.request().header("Expect")
                    .map(v -> v.strip().toLowerCase(Locale.ROOT).equals("100-continue")).orElse(false);
            ctx.response().exit(expectsContinue ? 417 : 413, Map.of("message", ERR_TOO_LARGE));
        }
    }

    /** The declared length; empty when the header is absent or not a number. */
    private static OptionalLong contentLength(PluginContext ctx) {
        String value = ctx.request().header("Content-Length").map(String::strip).orElse("");
        if (!DIGITS.matcher(value).matches()) {
            return OptionalLong.empty();
        }
        // Longer than a long holds is longer than any limit.
        return OptionalLong.of(value.length() > 18 ? Long.MAX_VALUE : Long.parseLong(value));
    }

    @Override
    public String toString() {
        return RequestSizeLimitingPluginFactory.NAME + "{allowed_payload_size=" + config.allowedPayloadSize()
                + ", size_unit=" + config.sizeUnit().field() + ", require_content_length="
                + config.requireContentLength() + "}";
    }
}
