package dev.tollgate.commons.llm.transform;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** A body as the text an LLM is given, and what its Content-Type says of it. */
public final class BodyText {
    private BodyText() {
    }

    /** The body as UTF-8 text; empty when it is not (binary, another charset): an LLM gets text, not mojibake. */
    public static Optional<String> utf8(byte[] body) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** The media type of a Content-Type value, lower-cased, without parameters; empty string when none. */
    public static String mediaType(Optional<String> contentType) {
        return contentType.map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)).orElse("");
    }

    /** {@code application/json} or a {@code +json} type. */
    public static boolean isJson(Optional<String> contentType) {
        String type = mediaType(contentType);
        return type.equals("application/json") || type.endsWith("+json");
    }
}
