package dev.tollgate.plugins.jwt;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.commons.json.JsonParser;

/**
 * A JWS in compact form, decoded but not verified. Header and claims hold the shared parser's
 * values: numbers are {@code JsonNumber}s, JSON's null is {@code JsonNull.NULL}.
 *
 * @param header       the JOSE header
 * @param claims       the payload's claims
 * @param signingInput {@code <header>.<payload>} as sent: what the signature covers
 * @param signature    the decoded signature
 */
record DecodedJwt(Map<String, Object> header, Map<String, Object> claims, byte[] signingInput, byte[] signature) {
    /** Header and claims are read before anything about the sender is known; real ones nest a level or two. */
    static final int MAX_JSON_DEPTH = 64;

    /** A token that cannot be decoded; {@code reason} is Kong's wording ({@code invalid JSON}, ...). */
    static final class MalformedException extends Exception {
        MalformedException(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Decodes a token as Kong does: three base64url parts (unpadded or padded), JSON objects in
     * the first two, a supported {@code alg}; the third part keeps any further dots.
     */
    static DecodedJwt decode(String token) throws MalformedException {
        String[] parts = token.split("\\.", 3);
        if (parts.length < 3) {
            throw new MalformedException("invalid JSON");
        }
        Object header = json(parts[0]);
        Object claims = json(parts[1]);
        if (!(header instanceof Map<?, ?>)) {
            throw new MalformedException("invalid JSON");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> headerMap = (Map<String, Object>) header;
        if (!(headerMap.get("alg") instanceof String alg) || JwtAlgorithm.of(alg).isEmpty()) {
            throw new MalformedException("invalid alg");
        }
        if (!(claims instanceof Map<?, ?>)) {
            throw new MalformedException("invalid claims");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> claimsMap = (Map<String, Object>) claims;
        byte[] signature = base64Url(parts[2]).orElseThrow(() -> new MalformedException("invalid signature"));
        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        return new DecodedJwt(headerMap, claimsMap, signingInput, signature);
    }

    JwtAlgorithm algorithm() {
        return JwtAlgorithm.of((String) header.get("alg")).orElseThrow();
    }

    private static Object json(String part) throws MalformedException {
        byte[] bytes = base64Url(part).orElseThrow(() -> new MalformedException("invalid JSON"));
        try {
            return JsonParser.parse(bytes, MAX_JSON_DEPTH);
        } catch (IllegalArgumentException e) {
            throw new MalformedException("invalid JSON");
        }
    }

    /** Base64url, with or without padding; empty for text that is not. */
    static Optional<byte[]> base64Url(String text) {
        try {
            return Optional.of(Base64.getUrlDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
