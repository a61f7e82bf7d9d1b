package dev.tollgate.plugins.airequesttransformer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.commons.llm.transform.AnswerJson;
import dev.tollgate.commons.llm.transform.BodyText;
import dev.tollgate.commons.llm.transform.TransformationException;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;

/**
 * Sends the request body, as it stands after the plugins before it, to the LLM with the
 * configured prompt, and sends the answer upstream instead. A JSON body must come back as JSON
 * (an object for an object), else the client gets a 502: a body the LLM could not rewrite is
 * never passed on as it was, since the prompt may exist to remove something from it.
 */
final class AiRequestTransformerPlugin implements Plugin {
    static final String TOO_LARGE = "the request body is over max_request_body_size of the AI request transformer: ";
    static final String NOT_TEXT = "the request body is not UTF-8 text, which the AI request transformer needs";
    static final String NOT_JSON = "the transformer LLM's answer is not JSON, and the request body is";
    static final String NOT_OBJECT = "the transformer LLM's answer is not a JSON object, and the request body is";

    private final AiRequestTransformerConfig config;

    AiRequestTransformerPlugin(AiRequestTransformerConfig config) {
        this.config = config;
    }

    @Override
    public void access(PluginContext ctx) {
        byte[] body = ctx.upstreamRequest().body();
        if (config.maxBodySize() > 0 && body.length > config.maxBodySize()) {
            exit(ctx, 413, TOO_LARGE + body.length + " > " + config.maxBodySize() + " bytes", "invalid_request_error",
                    "request_too_large");
            return;
        }
        Optional<String> text = BodyText.utf8(body);
        if (text.isEmpty()) {
            exit(ctx, 400, NOT_TEXT, "invalid_request_error", "body_not_text");
            return;
        }
        Optional<String> contentType = ctx.upstreamRequest().header("Content-Type");
        Optional<AnswerJson> original = json(contentType, text.get());
        boolean json = BodyText.isJson(contentType) || original.isPresent();
        try {
            String answer = config.transformation().apply(text.get(), ctx.log());
            byte[] out = json ? jsonBody(answer, original) : answer.getBytes(StandardCharsets.UTF_8);
            ctx.upstreamRequest().setBody(out);
            if (json && contentType.isEmpty()) {
                ctx.upstreamRequest().setHeader("Content-Type", "application/json");
            }
        } catch (TransformationException e) {
            ctx.response().exit(e.status(), e.body());
        }
    }

    /** The answer as the new JSON body; an object where the client sent one. */
    private static byte[] jsonBody(String answer, Optional<AnswerJson> original) {
        AnswerJson parsed = AnswerJson.parse(answer).orElseThrow(() -> TransformationException.unusable(NOT_JSON));
        if (original.isPresent() && original.get().node().isObject() && !parsed.node().isObject()) {
            throw TransformationException.unusable(NOT_OBJECT);
        }
        return parsed.text().getBytes(StandardCharsets.UTF_8);
    }

    /** The body as JSON when the request says it is JSON or says nothing and it parses. */
    private static Optional<AnswerJson> json(Optional<String> contentType, String text) {
        return contentType.isEmpty() || BodyText.isJson(contentType) ? AnswerJson.parse(text) : Optional.empty();
    }

    private static void exit(PluginContext ctx, int status, String message, String type, String code) {
        ctx.response().exit(status, Map.of("error", Map.of("message", message, "type", type, "code", code)));
    }
}
