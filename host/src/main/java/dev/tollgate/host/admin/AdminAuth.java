package dev.tollgate.host.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/** Requires the admin token on every Admin API call when one is configured. */
public final class AdminAuth implements Filter {
    private final byte[] token;

    public AdminAuth(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String given = req.headers().first(HeaderNames.AUTHORIZATION)
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(v -> v.substring(7).trim())
                .or(() -> req.headers().first(HeaderNames.create("Tollgate-Admin-Token")))
                .orElse(null);
        // Constant-time comparison: the token must not leak through response timing.
        if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            AdminRoutes.send(res, 401, JsonNodeFactory.instance.objectNode()
                    .put("message", given == null ? "Admin token required" : "Invalid admin token"));
            return;
        }
        chain.proceed();
    }
}
