package dev.tollgate.host.admin;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Keeps web pages off the Admin API. A browser will send a cross-site form or {@code text/plain}
 * POST to {@code 127.0.0.1:8001} from any page, and a page on a name that resolves to the
 * loopback address (DNS rebinding) can even read the answers; with no token on loopback, either
 * would drive the gateway. So:
 * <ul>
 *   <li>a request with an {@code Origin} is served only when that origin is the API's own (the
 *       origin of the {@code Host} it was sent to) or one of {@code admin.allowed-origins};
 *       without one, a browser's {@code Sec-Fetch-Site: cross-site} or {@code same-site} is
 *       refused as well. curl and scripts send neither header and are not affected;</li>
 *   <li>without a token, the {@code Host} must be an IP address, {@code localhost} or one of
 *       {@code admin.allowed-hosts}: a rebound name is refused. With a token a rebound page
 *       gains nothing (it cannot send the token), so names are checked only when listed.</li>
 * </ul>
 */
public final class AdminRequestOrigin implements Filter {
    private static final HeaderName ORIGIN = HeaderNames.create("Origin");
    private static final HeaderName SEC_FETCH_SITE = HeaderNames.create("Sec-Fetch-Site");

    private final Set<String> allowedOrigins;
    private final Set<String> allowedHosts;
    private final boolean checkHost;

    /**
     * @param allowedOrigins origins besides the API's own, e.g. {@code https://admin.example.com}
     * @param allowedHosts   names the API may be called by besides IP addresses and localhost
     * @param tokenRequired  whether calls need the admin token (then the host is checked only
     *                       when {@code allowedHosts} is not empty)
     */
    public AdminRequestOrigin(List<String> allowedOrigins, List<String> allowedHosts, boolean tokenRequired) {
        this.allowedOrigins = allowedOrigins.stream().map(AdminRequestOrigin::normalizeOrigin).collect(Collectors.toUnmodifiableSet());
        this.allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.checkHost = !tokenRequired || !allowedHosts.isEmpty();
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String authority = req.authority() == null ? "" : req.authority();
        String host = hostOf(authority);
        if (checkHost && !hostAllowed(host)) {
            refuse(res, "Host '" + printable(authority) + "' is not a name of this Admin API; "
                    + "add it to admin.allowed-hosts to call the API by that name");
            return;
        }
        Optional<String> origin = req.headers().first(ORIGIN);
        if (origin.isPresent()) {
            String o = normalizeOrigin(origin.get());
            boolean own = o.equals(normalizeOrigin("http://" + authority)) || o.equals(normalizeOrigin("https://" + authority));
            if (!own && !allowedOrigins.contains(o)) {
                refuse(res, "Origin '" + printable(origin.get()) + "' may not call the Admin API; "
                        + "add it to admin.allowed-origins to allow a web page there to");
                return;
            }
        } else {
            String site = req.headers().first(SEC_FETCH_SITE).orElse("").toLowerCase(Locale.ROOT);
            if (site.equals("cross-site") || site.equals("same-site")) {
                refuse(res, "a request from another web site may not call the Admin API");
                return;
            }
        }
        chain.proceed();
    }

    private boolean hostAllowed(String host) {
        return host.equals("localhost") || isIpLiteral(host) || allowedHosts.contains(host);
    }

    /** The host of a Host header, lower-cased, without its port (an IPv6 literal keeps its brackets). */
    static String hostOf(String authority) {
        String a = authority.toLowerCase(Locale.ROOT);
        if (a.startsWith("[")) {
            int end = a.indexOf(']');
            return end < 0 ? a : a.substring(0, end + 1);
        }
        int colon = a.lastIndexOf(':');
        return colon < 0 ? a : a.substring(0, colon);
    }

    static boolean isIpLiteral(String host) {
        if (host.startsWith("[") && host.endsWith("]")) {
            return host.length() > 2 && host.substring(1, host.length() - 1).chars().allMatch(c -> c == ':' || c == '.'
                    || Character.digit(c, 16) >= 0);
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** scheme://host[:port] in lower case, without a default port or a trailing slash. */
    static String normalizeOrigin(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        while (o.endsWith("/")) {
            o = o.substring(0, o.length() - 1);
        }
        try {
            URI u = URI.create(o);
            if (u.getScheme() == null || u.getHost() == null) {
                return o;
            }
            int port = u.getPort();
            boolean defaultPort = port == -1 || port == 80 && u.getScheme().equals("http")
                    || port == 443 && u.getScheme().equals("https");
            return u.getScheme() + "://" + u.getHost() + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return o;
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 200 ? s.substring(0, 200) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    private static void refuse(RoutingResponse res, String message) {
        AdminRoutes.send(res, 403, JsonNodeFactory.instance.objectNode().put("message", message));
    }
}
