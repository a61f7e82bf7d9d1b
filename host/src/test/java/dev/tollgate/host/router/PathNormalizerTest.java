package dev.tollgate.host.router;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Kong's four normalization steps, and what they leave alone. */
class PathNormalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // 1. triplets upper-cased
            "/foo%3a, /foo%3A",
            "/a%2fb, /a%2Fb",
            // 2. unreserved characters decoded
            "/fo%6F, /foo",
            "/%41%7a%30%2D%2E%5F%7E, /Az0-._~",
            "/%20x, /%20x",
            // 3. dot segments removed
            "/foo/./bar/../baz, /foo/baz",
            "/ai/./chat, /ai/chat",
            "/ai/../admin, /admin",
            "/ai/%2E%2E/admin, /admin",
            "/ai/%2e%2E/admin, /admin",
            "/ai/%2E/chat, /ai/chat",
            "/../../etc, /etc",
            "/a/.., /",
            "/a/., /a/",
            "/.., /",
            "/a/b/.., /a/",
            "/a..b/.c/..d, /a..b/.c/..d",
            // 4. duplicate slashes merged
            "/foo//bar, /foo/bar",
            "//, /",
            "/a///b//, /a/b/",
            // left alone
            "/, /",
            "/v1/chat/completions, /v1/chat/completions",
            "/a/, /a/",
            "/a%zz, /a%zz",
            "/a%, /a%",
            "/a%2, /a%2",
            "'', /",
            "ai/chat, /ai/chat"})
    void normalizes(String raw, String expected) {
        assertThat(PathNormalizer.normalize(raw)).isEqualTo(expected);
    }

    @Test
    void returnsTheSameStringWhenNothingChanges() {
        String path = "/v1/chat/completions";
        assertThat(PathNormalizer.normalize(path)).isSameAs(path);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/b%61r, /bar",
            "/a%2E, /a\\.",
            "/a/../%3a, /a/../%3A",
            "/a//b, /a//b"})
    void regexPathsOnlyGetTripletWork(String regex, String expected) {
        assertThat(PathNormalizer.normalizeRegex(regex)).isEqualTo(expected);
    }
}
