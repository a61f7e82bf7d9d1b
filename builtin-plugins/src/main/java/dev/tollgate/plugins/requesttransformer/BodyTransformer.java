package dev.tollgate.plugins.requesttransformer;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.commons.json.JsonMembers;
import dev.tollgate.commons.json.JsonParser;
import dev.tollgate.commons.json.JsonPrinter;
import dev.tollgate.sdk.PluginContext;

/**
 * Applies the body rules to a form or JSON request body. A body the plugin cannot read exactly
 * (not UTF-8, not a JSON object) goes on untouched: rewriting it would corrupt it.
 */
final class BodyTransformer {
    static final String NOT_JSON_OBJECT = "request body is not a JSON object, body rules not applied: ";
    static final String NOT_UTF8 = "request body is not UTF-8, body rules not applied";

    private BodyTransformer() {
    }

    /** Transforms the body sent upstream when its media type is form or JSON and a rule changes it. */
    static void apply(PluginContext ctx, Rules rules) {
        String mediaType = mediaType(ctx.upstreamRequest().header("Content-Type"));
        if (mediaType.equals("application/x-www-form-urlencoded")) {
            form(ctx, rules);
        } else if (mediaType.equals("application/json") || mediaType.endsWith("+json")) {
            json(ctx, rules);
        } else if (!mediaType.isEmpty()) {
            ctx.log().log(Level.DEBUG, "body rules skipped for media type " + mediaType + " (form and JSON only)");
        }
    }

    private static void form(PluginContext ctx, Rules rules) {
        Optional<String> text = utf8(ctx.request().body());
        if (text.isEmpty()) {
            ctx.log().log(Level.WARNING, NOT_UTF8);
            return;
        }
        FormPairs pairs = FormPairs.parse(text.get());
        if (pairs.apply(rules)) {
            ctx.upstreamRequest().setBody(pairs.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void json(PluginContext ctx, Rules rules) {
        byte[] body = ctx.request().body();
        Map<String, Object> object;
        if (body.length == 0) {
            object = new LinkedHashMap<>(); // Kong adds to an empty body as to {}
        } else {
            Object value;
            try {
                value = JsonParser.parse(body);
            } catch (IllegalArgumentException e) {
                ctx.log().log(Level.WARNING, NOT_JSON_OBJECT + e.getMessage());
                return;
            }
            if (!(value instanceof Map<?, ?>)) {
                ctx.log().log(Level.WARNING, NOT_JSON_OBJECT + "a JSON " + (value instanceof List ? "array" : "scalar"));
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) value;
            object = map;
        }
        boolean changed = false;
        for (String name : rules.remove()) {
            changed |= JsonMembers.remove(object, name);
        }
        for (Rules.Entry e : rules.rename()) {
            changed |= JsonMembers.rename(object, e.name(), e.value());
        }
        for (Rules.Entry e : rules.replace()) {
            changed |= JsonMembers.replace(object, e.name(), e.value());
        }
        for (Rules.Entry e : rules.add()) {
            changed |= JsonMembers.add(object, e.name(), e.value());
        }
        for (Rules.Entry e : rules.append()) {
            changed |= JsonMembers.append(object, e.name(), e.value());
        }
        if (changed) {
            ctx.upstreamRequest().setBody(JsonPrinter.printUtf8(object));
        }
    }

    private static String mediaType(Optional<String> contentType) {
        return contentType.map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)).orElse("");
    }

    private static Optional<String> utf8(byte[] body) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
