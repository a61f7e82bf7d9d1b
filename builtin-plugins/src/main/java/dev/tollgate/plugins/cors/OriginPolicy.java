package dev.tollgate.plugins.cors;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which origins {@code cors} allows, compiled once from {@code config.origins} with Kong's rules:
 * no origins or {@code "*"} allows all; an entry of only letters, digits and {@code .:/-} is an
 * exact origin (the default port does not count); anything else is a regular expression the
 * whole origin must match, or only its host when the expression has no {@code ':'}.
 */
final class OriginPolicy {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9.:/-]+");

    /** What to answer a request's origin: the Access-Control-Allow-Origin value (empty for none). */
    record Decision(Optional<String> allowOrigin, boolean allowAll, boolean varyByOrigin) {
    }

    private record Entry(Pattern regex, boolean byHost, String origin) {
    }

    private final boolean allowAll;
    private final Optional<String> fixed;
    private final List<Entry> entries;

    private OriginPolicy(boolean allowAll, Optional<String> fixed, List<Entry> entries) {
        this.allowAll = allowAll;
        this.fixed = fixed;
        this.entries = List.copyOf(entries);
    }

    /**
     * The policy of {@code origins}.
     *
     * @throws IllegalArgumentException for an entry that is not a valid regular expression
     */
    static OriginPolicy of(List<String> origins) {
        if (origins.isEmpty() || origins.contains("*")) {
            return new OriginPolicy(true, Optional.empty(), List.of());
        }
        // One plain origin is sent as configured, whatever the request's: browsers compare it themselves.
        if (origins.size() == 1 && PLAIN.matcher(origins.getFirst()).matches()) {
            return new OriginPolicy(false, Optional.of(origins.getFirst()), List.of());
        }
        List<Entry> entries = new ArrayList<>();
        for (String origin : origins) {
            if (PLAIN.matcher(origin).matches()) {
                entries.add(new Entry(null, false, normalize(origin).origin()));
            } else {
                entries.add(new Entry(regex(origin), origin.indexOf(':') < 0, null));
            }
        }
        return new OriginPolicy(false, Optional.empty(), entries);
    }

    /** True when {@code origin} is a valid {@code config.origins} entry. */
    static boolean isValid(String origin) {
        if (origin.isEmpty()) {
            return false;
        }
        try {
            of(List.of(origin, origin));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The answer to a request from {@code requestOrigin} (absent when the request sent none). */
    Decision decide(Optional<String> requestOrigin) {
        if (allowAll) {
            return new Decision(Optional.of("*"), true, false);
        }
        if (fixed.isPresent()) {
            return new Decision(fixed, false, true);
        }
        if (requestOrigin.isPresent()) {
            Normalized request = normalize(requestOrigin.get());
            for (Entry entry : entries) {
                boolean found = entry.regex() == null
                        ? entry.origin().equals(request.origin())
                        : entry.regex().matcher(entry.byHost() ? request.host() : request.origin()).matches();
                if (found) {
                    return new Decision(Optional.of(request.origin()), false, true);
                }
            }
        }
        return new Decision(Optional.empty(), false, true);
    }

    // Kong anchored user regexes only from 1.0 on; both spellings mean the whole origin.
    private static Pattern regex(String origin) {
        String body = origin.startsWith("^") ? origin.substring(1) : origin;
        body = body.endsWith("$") && !body.endsWith("\\$") ? body.substring(0, body.length() - 1) : body;
        try {
            return Pattern.compile(body);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("config.origins: '" + origin + "' (expected: an origin or a regular "
                    + "expression; " + e.getDescription() + ")", e);
        }
    }

    private record Normalized(String origin, String host) {
    }

    /** {@code scheme://host[:port]} without a default port; the text itself when it has no host. */
    private static Normalized normalize(String origin) {
        try {
            URI uri = new URI(origin);
            if (uri.getHost() == null) {
                return new Normalized(origin, origin);
            }
            int port = uri.getPort();
            String scheme = uri.getScheme();
            if ("http".equals(scheme) && port == 80 || "https".equals(scheme) && port == 443) {
                port = -1;
            }
            return new Normalized((scheme == null ? "" : scheme + "://") + uri.getHost() + (port < 0 ? "" : ":" + port),
                    uri.getHost());
        } catch (URISyntaxException e) {
            return new Normalized(origin, origin);
        }
    }

    @Override
    public String toString() {
        return allowAll ? "*" : fixed.orElseGet(() -> entries.stream()
                .map(e -> e.regex() == null ? e.origin() : e.regex().pattern()).toList().toString());
    }
}
