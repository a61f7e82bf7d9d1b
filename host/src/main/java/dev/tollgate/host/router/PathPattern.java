package dev.tollgate.host.router;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** One entry of a route's {@code paths}, compiled once per configuration snapshot. */
sealed interface PathPattern {

    /** Parses a configured path: {@code ~} starts a regex, anything else is a plain prefix. */
    static PathPattern parse(String path) {
        if (path.startsWith("~")) {
            String regex = PathNormalizer.normalizeRegex(path.substring(1));
            try {
                Pattern pattern = Pattern.compile(regex);
                List<Map.Entry<String, Integer>> named = List.copyOf(pattern.namedGroups().entrySet());
                return new Regex(path, pattern, named);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("path: '" + path + "' (expected: a valid regex after '~': "
                        + e.getDescription() + ")", e);
            }
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path: '" + path + "' (expected: starting with '/' or '~')");
        }
        return new Prefix(PathNormalizer.normalize(path));
    }

    /** The path as configured, for messages and {@code toString()}. */
    String source();

    /**
     * A plain path, matched as a string prefix like Kong does: {@code /ai} matches {@code /ai/chat}
     * and also {@code /aix}.
     *
     * @param prefix the normalized path
     */
    record Prefix(String prefix) implements PathPattern {
        @Override
        public String source() {
            return prefix;
        }
    }

    /**
     * A {@code ~} path, anchored at the start of the request path only (Kong's "a" flag): it may match a
     * leading part, and the rest is what {@code strip_path} keeps.
     *
     * @param source  the path as configured, with its {@code ~}
     * @param pattern the compiled regex
     * @param named   the named groups and their numbers, read once so matching does not copy the map
     */
    record Regex(String source, Pattern pattern, List<Map.Entry<String, Integer>> named) implements PathPattern {
    }
}
