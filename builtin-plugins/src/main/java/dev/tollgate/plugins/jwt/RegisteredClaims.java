package dev.tollgate.plugins.jwt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tollgate.commons.json.JsonNumber;

/**
 * The time checks of RFC 7519's registered claims, with Kong's messages. Errors are keyed by
 * claim, which is how Kong answers them: {@code {"exp":"token expired"}}.
 */
final class RegisteredClaims {
    static final String EXPIRED = "token expired";
    static final String NOT_YET_VALID = "token not valid yet";
    static final String NOT_A_NUMBER = "must be a number";
    static final String TOO_LONG = "exceeds maximum allowed expiration";

    private RegisteredClaims() {
    }

    /** What is wrong with {@code claims} at {@code now} (seconds since the epoch); empty when nothing is. */
    static Map<String, String> check(Map<String, Object> claims, List<String> claimsToVerify, long now) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (String name : claimsToVerify) {
            if (!(claims.get(name) instanceof JsonNumber value)) {
                errors.put(name, NOT_A_NUMBER);
            } else if (name.equals("exp") && value.doubleValue() <= now) {
                errors.put(name, EXPIRED);
            } else if (name.equals("nbf") && value.doubleValue() > now) {
                errors.put(name, NOT_YET_VALID);
            }
        }
        return errors;
    }

    /** Whether exp lies at most {@code maximum} seconds after {@code now}; a token without exp does not. */
    static Map<String, String> checkMaximumExpiration(Map<String, Object> claims, double maximum, long now) {
        if (maximum <= 0) {
            return Map.of();
        }
        if (!(claims.get("exp") instanceof JsonNumber exp) || exp.doubleValue() - now > maximum) {
            return Map.of("exp", TOO_LONG);
        }
        return Map.of();
    }
}
