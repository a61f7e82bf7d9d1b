package dev.tollgate.host.router;

/**
 * Kong's request path normalization (RFC 3986): percent-encoded triplets are upper-cased, those of
 * unreserved characters are decoded, dot segments are removed and duplicate slashes merged.
 *
 * <p>Routes match on the normalized path so that {@code /ai/%2E%2E/admin} cannot reach a route for
 * {@code /admin} while looking like {@code /ai/...}, and the upstream gets the same normalized path.
 * Reserved characters such as {@code %2F} stay encoded: decoding them would change what the path means.
 */
final class PathNormalizer {
    private PathNormalizer() {
    }

    /** The normalized form of a raw request path or a plain route path; returns {@code path} itself when already normal. */
    static String normalize(String path) {
        if (path.isEmpty()) {
            return "/";
        }
        String decoded = decodeUnreserved(path, false);
        String rooted = decoded.charAt(0) == '/' ? decoded : "/" + decoded;
        return needsSegmentWork(rooted) ? removeDotSegments(rooted) : rooted;
    }

    /**
     * Normalizes a regex route path the way Kong does: only triplets are touched (dot segments and slashes
     * are regex text), and a decoded {@code .} is escaped so it still means a literal dot.
     */
    static String normalizeRegex(String regex) {
        return decodeUnreserved(regex, true);
    }

    private static String decodeUnreserved(String s, boolean regex) {
        int first = s.indexOf('%');
        if (first < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        out.append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            int hi = c == '%' && i + 2 < s.length() ? hex(s.charAt(i + 1)) : -1;
            int lo = hi >= 0 ? hex(s.charAt(i + 2)) : -1;
            if (lo < 0) {
                out.append(c); // not a triplet: left for the upstream to judge
                continue;
            }
            char decoded = (char) (hi << 4 | lo);
            if (isUnreserved(decoded)) {
                if (regex && decoded == '.') {
                    out.append('\\');
                }
                out.append(decoded);
            } else {
                out.append('%').append(Character.toUpperCase(s.charAt(i + 1))).append(Character.toUpperCase(s.charAt(i + 2)));
            }
            i += 2;
        }
        return out.toString();
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static boolean isUnreserved(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** True when the path has an empty, {@code .} or {@code ..} segment; most paths have none and skip the rewrite. */
    private static boolean needsSegmentWork(String path) {
        int n = path.length();
        for (int i = 0; i < n; i++) {
            if (path.charAt(i) != '/') {
                continue;
            }
            int next = i + 1;
            if (next < n && path.charAt(next) == '/') {
                return true;
            }
            if (next < n && path.charAt(next) == '.') {
                int end = next + 1 < n && path.charAt(next + 1) == '.' ? next + 2 : next + 1;
                if (end == n || path.charAt(end) == '/') {
                    return true;
                }
            }
        }
        return false;
    }

    /** RFC 3986 section 5.2.4 on a path starting with '/', also dropping empty segments. */
    private static String removeDotSegments(String path) {
        StringBuilder out = new StringBuilder(path.length());
        int n = path.length();
        int start = 1;
        while (start <= n) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = n;
            }
            boolean last = end == n;
            int len = end - start;
            if (len == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.') {
                out.setLength(Math.max(0, out.lastIndexOf("/")));
                if (last) {
                    out.append('/');
                }
            } else if (len == 0 || len == 1 && path.charAt(start) == '.') {
                if (last) {
                    out.append('/'); // "/a/" and "/a/." keep their trailing slash
                }
            } else {
                out.append('/').append(path, start, end);
            }
            start = end + 1;
        }
        return out.isEmpty() ? "/" : out.toString();
    }
}
