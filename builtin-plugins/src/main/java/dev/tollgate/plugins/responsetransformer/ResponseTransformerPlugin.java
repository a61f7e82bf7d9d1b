package dev.tollgate.plugins.responsetransformer;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.tollgate.sdk.ClientResponse;
import dev.tollgate.sdk.ContextKey;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;

/**
 * Changes the response on its way to the client, as Kong's {@code response-transformer}: its
 * headers, and the top-level members of a JSON body. A JSON body is buffered whole, then
 * transformed and sent in one piece.
 */
final class ResponseTransformerPlugin implements Plugin {
    static final String BODY_NOT_TRANSFORMED = "response body sent unchanged, it is not a JSON object: ";

    /** The JSON body being collected; present only for a response whose body the plugin transforms. */
    private static final ContextKey<ByteArrayOutputStream> BODY =
            ContextKey.of("response-transformer.body", ByteArrayOutputStream.class);
    private static final byte[] NOTHING = new byte[0];

    private final ResponseTransformerConfig config;

    ResponseTransformerPlugin(ResponseTransformerConfig config) {
        this.config = requireNonNull(config, "config");
    }

    @Override
    public void headerFilter(PluginContext ctx) {
        ClientResponse response = ctx.response();
        HeaderRules rules = config.headers();
        rules.remove().forEach(response::removeHeader);
        for (NameValue e : rules.rename()) {
            List<String> values = values(ctx, e.name());
            if (!values.isEmpty() && !e.name().equalsIgnoreCase(e.value())) {
                response.removeHeader(e.name());
                response.setHeader(e.value(), values.getFirst());
                values.stream().skip(1).forEach(v -> response.addHeader(e.value(), v));
            }
        }
        for (NameValue e : rules.replace()) {
            if (response.header(e.name()).isPresent()) {
                response.setHeader(e.name(), e.value());
            }
        }
        for (NameValue e : rules.add()) {
            if (response.header(e.name()).isEmpty()) {
                response.setHeader(e.name(), e.value());
            }
        }
        for (NameValue e : rules.append()) {
            response.addHeader(e.name(), e.value());
        }
        if (!config.json().isEmpty() && isJson(response.header("Content-Type")) && !isEncoded(response)) {
            response.removeHeader("Content-Length"); // the body changes length
            ctx.put(BODY, new ByteArrayOutputStream());
        }
    }

    @Override
    public byte[] bodyFilter(PluginContext ctx, byte[] chunk, boolean last) {
        Optional<ByteArrayOutputStream> buffer = ctx.get(BODY);
        if (buffer.isEmpty()) {
            return chunk;
        }
        buffer.get().writeBytes(chunk);
        if (!last) {
            return NOTHING;
        }
        byte[] body = buffer.get().toByteArray();
        try {
            return JsonBodyTransformer.transform(body, config.json());
        } catch (IllegalArgumentException e) {
            ctx.log().log(Level.WARNING, BODY_NOT_TRANSFORMED + e.getMessage());
            return body;
        }
    }

    /**
     * Every value of a response header. The SDK shows only the first value the client will get;
     * while it is still the upstream's, the upstream's other values are the rest.
     */
    private static List<String> values(PluginContext ctx, String name) {
        return ctx.response().header(name).map(first -> {
            List<String> upstream = ctx.upstreamResponse().headers().getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
            return !upstream.isEmpty() && upstream.getFirst().equals(first) ? upstream : List.of(first);
        }).orElse(List.of());
    }

    /** application/json or a +json type, as one of possibly several comma-separated types. */
    private static boolean isJson(Optional<String> contentType) {
        if (contentType.isEmpty()) {
            return false;
        }
        for (String type : contentType.get().split(",")) {
            String media = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (media.equals("application/json") || media.startsWith("application/") && media.endsWith("+json")) {
                return true;
            }
        }
        return false;
    }

    // A compressed body cannot be read as JSON; buffering it would only delay it.
    private static boolean isEncoded(ClientResponse response) {
        return response.header("Content-Encoding").filter(e -> !e.strip().equalsIgnoreCase("identity")).isPresent();
    }

    @Override
    public String toString() {
        return ResponseTransformerPluginFactory.NAME + "{headers=" + config.headers() + ", json=" + config.json() + "}";
    }
}
