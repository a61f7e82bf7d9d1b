package dev.tollgate.plugins.keyauth;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.tollgate.commons.json.JsonObjectScanner;

/**
 * The top-level fields of a form or JSON request body: enough to find a key in it and to send
 * the body on without that key. Each field keeps its original text, so removing one leaves the
 * others byte for byte as the client sent them.
 */
final class BodyFields {
    static final BodyFields NONE = new BodyFields(List.of(), false);

    /** One top-level field; {@code raw} is its text in the body ({@code name=value}, {@code "name": value}). */
    record Member(String name, KeyLookup value, String raw) {
    }

    private final List<Member> members;
    private final boolean json;

    private BodyFields(List<Member> members, boolean json) {
        this.members = List.copyOf(members);
        this.json = json;
    }

    /**
     * The fields of {@code body}, or {@link #NONE} for a media type other than form or JSON.
     *
     * @throws IllegalArgumentException for a body its media type cannot parse
     */
    static BodyFields parse(Optional<String> contentType, byte[] body) {
        String mediaType = contentType.map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)).orElse("");
        if (mediaType.equals("application/x-www-form-urlencoded")) {
            return new BodyFields(form(utf8(body)), false);
        }
        if (mediaType.equals("application/json") || mediaType.endsWith("+json")) {
            return new BodyFields(json(utf8(body)), true);
        }
        return NONE;
    }

    /**
     * What the body holds under {@code name}. A repeated form field is a duplicate, as a JSON
     * array is; a repeated JSON member counts once, with its last value, as JSON parsers read it.
     */
    KeyLookup lookup(String name) {
        List<Member> named = members.stream().filter(m -> m.name().equals(name)).toList();
        if (json) {
            return named.isEmpty() ? KeyLookup.ABSENT : named.getLast().value();
        }
        return KeyLookup.of(named.stream().map(m -> ((KeyLookup.Found) m.value()).key()).toList());
    }

    boolean contains(String name) {
        return members.stream().anyMatch(m -> m.name().equals(name));
    }

    /** The body without the fields named {@code name}. */
    byte[] without(String name) {
        List<String> kept = members.stream().filter(m -> !m.name().equals(name)).map(Member::raw).toList();
        String text = json ? "{" + String.join(",", kept) + "}" : String.join("&", kept);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // A string is a key; an array is several, as in Kong; any other value holds none.
    private static List<Member> json(String body) {
        return JsonObjectScanner.members(body).stream()
                .map(m -> new Member(m.name(), m.string().<KeyLookup>map(KeyLookup.Found::new)
                        .orElse(m.isArray() ? KeyLookup.DUPLICATE : KeyLookup.ABSENT), m.text()))
                .toList();
    }

    private static List<Member> form(String body) {
        List<Member> out = new ArrayList<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.add(new Member(name, new KeyLookup.Found(value), pair));
        }
        return out;
    }

    // Strict: a body that is not UTF-8 would be changed by decoding and encoding it again.
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("body is not UTF-8", e);
        }
    }
}
