package dev.tollgate.plugins.airesponsetransformer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.transform.AnswerJson;
import dev.tollgate.commons.llm.transform.BodyText;
import dev.tollgate.commons.llm.transform.TransformationException;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;

/**
 * Sends the whole upstream response body to the LLM with the configured prompt and gives the
 * client the answer instead — or, with JSON instructions, the status, headers and body the
 * answer sets. When the body cannot be transformed (the LLM failed, its answer is unusable, the
 * body is too large or not text) the client gets an error, never the untransformed body: the
 * prompt may exist to keep something from the client.
 */
final class AiResponseTransformerPlugin implements Plugin {
    static final String TOO_LARGE = "the upstream's response body is over max_response_body_size of the AI response "
            + "transformer: ";
    static final String NOT_TEXT = "the upstream's response body is not UTF-8 text, which the AI response transformer needs";
    static final String ENCODED = "the upstream's response body is encoded in a way the AI response transformer cannot "
            + "read: ";
    /** What the plugin can hold when max_response_body_size sets no limit: the gateway's response buffer. */
    private static final long BUFFER_LIMIT = 64L * 1024 * 1024;
    private static final String TEXT = "text/plain; charset=utf-8";

    private final AiResponseTransformerConfig config;

    AiResponseTransformerPlugin(AiResponseTransformerConfig config) {
        this.config = config;
    }

    @Override
    public void response(PluginContext ctx) {
        if (!carriesBody(ctx.request().method(), ctx.upstreamResponse().status())) {
            return;
        }
        try {
            String text = text(ctx, ctx.upstreamResponse().body().orElse(new byte[0]));
            String answer = config.transformation().apply(text, ctx.log());
            ctx.response().removeHeader("Content-Encoding"); // what the client gets is the answer, as it is
            if (config.jsonInstructions()) {
                apply(ctx, ResponseInstructions.parse(answer));
            } else {
                replace(ctx, answer);
            }
        } catch (TransformationException e) {
            ctx.response().removeHeader("Content-Encoding");
            ctx.response().setStatus(e.status());
            ctx.response().setHeader("Content-Type", "application/json");
            ctx.response().setBody(Json.bytes(Json.MAPPER.valueToTree(e.body())));
        }
    }

    /** The answer as the body; the content type follows when the answer is no longer what the upstream's said. */
    private static void replace(PluginContext ctx, String answer) {
        Optional<String> upstreamType = ctx.upstreamResponse().header("Content-Type");
        Optional<AnswerJson> json = AnswerJson.parse(answer);
        if (BodyText.isJson(upstreamType) && json.isPresent()) {
            ctx.response().setBody(json.get().text().getBytes(StandardCharsets.UTF_8)); // without a Markdown fence
            return;
        }
        ctx.response().setBody(answer.getBytes(StandardCharsets.UTF_8));
        // A JSON body replaced by prose, or a stream replaced by one answer, must not claim to be what it was.
        if (BodyText.isJson(upstreamType) || BodyText.mediaType(upstreamType).equals("text/event-stream")) {
            ctx.response().setHeader("Content-Type", json.isPresent() ? "application/json" : TEXT);
        }
    }

    private static void apply(PluginContext ctx, ResponseInstructions instructions) {
        ctx.response().setStatus(instructions.status());
        instructions.headers().forEach(ctx.response()::setHeader);
        boolean typed = instructions.headers().keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Content-Type"));
        if (!typed && (instructions.jsonBody()
                || BodyText.mediaType(ctx.upstreamResponse().header("Content-Type")).equals("text/event-stream"))) {
            ctx.response().setHeader("Content-Type", instructions.jsonBody() ? "application/json" : TEXT);
        }
        ctx.response().setBody(instructions.body());
    }

    /** The body as text for the LLM: gzip undone, within the size limit, UTF-8. */
    private String text(PluginContext ctx, byte[] body) {
        long limit = config.maxBodySize() > 0 ? config.maxBodySize() : BUFFER_LIMIT;
        String encoding = ctx.upstreamResponse().header("Content-Encoding").map(e -> e.strip().toLowerCase(Locale.ROOT))
                .orElse("identity");
        byte[] plain = switch (encoding) {
            case "identity", "" -> body;
            case "gzip", "x-gzip" -> gunzip(body, limit);
            default -> throw new TransformationException(502, "response_not_readable", ENCODED + encoding);
        };
        if (plain.length > limit) {
            throw new TransformationException(502, "response_too_large", TOO_LARGE + "more than " + limit + " bytes");
        }
        return BodyText.utf8(plain).orElseThrow(() -> new TransformationException(502, "response_not_text", NOT_TEXT));
    }

    /** At most {@code limit} + 1 bytes are inflated: enough to tell that a body (or a zip bomb) is too large. */
    private static byte[] gunzip(byte[] body, long limit) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
        } catch (IOException e) {
            throw new TransformationException(502, "response_not_readable", ENCODED + "gzip that does not inflate ("
                    + e.getMessage() + ")");
        }
    }

    /** HEAD answers, 1xx, 204 and 304 have no body to transform, and must not get one. */
    private static boolean carriesBody(String method, int status) {
        return !method.equals("HEAD") && status >= 200 && status != 204 && status != 304;
    }
}
