package dev.tollgate.plugins.jwt;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tollgate.sdk.ClientRequest;

/**
 * Finds the tokens a request carries, as Kong does: in the configured query parameters, then
 * cookies, then headers ({@code Bearer <token>}). The same token in several places counts once.
 */
final class TokenSearch {
    private static final Pattern BEARER = Pattern.compile("\\s*[Bb]earer\\s+(.+?)\\s*");

    private TokenSearch() {
    }

    /** The distinct non-empty tokens, in the order they were found. */
    static Set<String> tokens(JwtConfig config, ClientRequest request) {
        Set<String> tokens = new LinkedHashSet<>();
        for (String name : config.uriParamNames()) {
            request.queryParameters().getOrDefault(name, List.of()).stream().filter(t -> !t.isEmpty()).forEach(tokens::add);
        }
        for (String name : config.cookieNames()) {
            cookie(request, name).filter(t -> !t.isEmpty()).ifPresent(tokens::add);
        }
        for (String name : config.headerNames()) {
            request.header(name).ifPresent(value -> {
                Matcher m = BEARER.matcher(value);
                if (m.matches()) {
                    tokens.add(m.group(1));
                }
            });
        }
        return tokens;
    }

    /** The first value of a cookie (names case-sensitive), as the Cookie header(s) carry it. */
    static Optional<String> cookie(ClientRequest request, String name) {
        for (String header : request.headers("cookie")) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
                    return Optional.of(pair.substring(eq + 1).strip());
                }
            }
        }
        return Optional.empty();
    }
}
