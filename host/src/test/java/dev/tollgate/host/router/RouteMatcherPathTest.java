package dev.tollgate.host.router;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static dev.tollgate.host.router.TestRoutes.headers;
import static dev.tollgate.host.router.TestRoutes.matchedId;
import static dev.tollgate.host.router.TestRoutes.route;
import static org.assertj.core.api.Assertions.assertThat;

/** Path matching: prefixes, regexes, captures, normalization and what is stripped. */
class RouteMatcherPathTest {

    private static RouteMatch match(RouteMatcher matcher, String path) {
        return matcher.match("GET", "http", "a.com", path, headers()).orElseThrow();
    }

    @ParameterizedTest
    @CsvSource({"/ai, r", "/ai/chat, r", "/aix, r", "/a, ", "/AI, ", "/x/ai, "})
    void plainPathIsACaseSensitiveStringPrefix(String path, String expected) {
        RouteMatcher matcher = RouteMatcher.build(List.of(route("r").paths("/ai").build()));
        assertThat(matchedId(matcher, "a.com", path)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"/v1/models, r", "/v1/models/gpt, r", "/v12/models, r", "/x/v1/models, ", "/vx/models, "})
    void regexPathIsAnchoredAtTheStartOnly(String path, String expected) {
        RouteMatcher matcher = RouteMatcher.build(List.of(route("r").paths("~/v\\d+/models").build()));
        assertThat(matchedId(matcher, "a.com", path)).isEqualTo(expected);
    }

    @Test
    void prefixMatchStripsThePrefix() {
        RouteMatcher matcher = RouteMatcher.build(List.of(route("r").paths("/ai/chat").build()));
        RouteMatch match = match(matcher, "/ai/chat/extra");
        assertThat(match.normalizedPath()).isEqualTo("/ai/chat/extra");
        assertThat(match.matchedPath()).isEqualTo("/ai/chat");
        assertThat(match.strippedPath()).isEqualTo("/extra");
        assertThat(match.captures()).isEmpty();
        assertThat(match(matcher, "/ai/chat").strippedPath()).isEmpty();
    }

    @Test
    void withoutStripPathTheWholePathIsKept() {
        RouteMatcher matcher = RouteMatcher.build(List.of(route("r").paths("/ai").stripPath(false).build()));
        RouteMatch match = match(matcher, "/ai/chat");
        assertThat(match.matchedPath()).isEqualTo("/ai");
        assertThat(match.strippedPath()).isEqualTo("/ai/chat");
    }

    @Test
    void regexMatchStripsTheMatchedText() {
        RouteMatcher matcher = RouteMatcher.build(List.of(route("r").paths("~/v\\d+/").build()));
        RouteMatch match = match(matcher, "/v2/chat/completions");
        assertThat(match.matchedPath()).isEqualTo("/v2/");
        assertThat(match.strippedPath()).isEqualTo("chat/completions");
    }

    @Test
    void regexCapturesAreReturnedByNumberAndName() {
        RouteMatcher matcher = RouteMatcher.build(List.of(
                route("r").paths("~/version/(?<version>\\d+)/users/(?<user>\\S+)").build()));
        RouteMatch match = match(matcher, "/version/1/users/john");
        assertThat(match.captures()).isEqualTo(Map.of("1", "1", "2", "john", "version", "1", "user", "john"));
        assertThat(match.matchedPath()).isEqualTo("/version/1/users/john");
    }

    @Test
    void groupsThatDidNotTakePartAreLeftOut() {
        RouteMatcher matcher = RouteMatcher.build(List.of(route("r").paths("~/(a)?(?<b>b)?x").build()));
        assertThat(match(matcher, "/bx").captures()).isEqualTo(Map.of("2", "b", "b", "b"));
        assertThat(match(matcher, "/x").captures()).isEmpty();
    }

    @Test
    void dotDotSegmentsCannotSneakPastAPrefix() {
        RouteMatcher matcher = RouteMatcher.build(List.of(
                route("ai").paths("/ai").build(), route("admin").paths("/admin").build()));
        assertThat(matchedId(matcher, "a.com", "/ai/../admin")).isEqualTo("admin");
        assertThat(matchedId(matcher, "a.com", "/ai/%2E%2E/admin")).isEqualTo("admin");
        assertThat(matchedId(matcher, "a.com", "/ai/%2e%2e/admin")).isEqualTo("admin");
        assertThat(matchedId(matcher, "a.com", "/ai/.%2E/%2E%2E/admin/x")).isEqualTo("admin");
    }

    @Test
    void dotDotSegmentsCannotReachARouteFromOutside() {
        RouteMatcher matcher = RouteMatcher.build(List.of(route("ai").paths("/ai").build()));
        assertThat(matchedId(matcher, "a.com", "/ai/../x")).isNull();
        assertThat(matchedId(matcher, "a.com", "/x/../ai")).isEqualTo("ai");
    }

    @Test
    void matchingAndStrippingUseTheNormalizedPath() {
        RouteMatcher matcher = RouteMatcher.build(List.of(route("r").paths("/ai/chat").build()));
        RouteMatch match = match(matcher, "/ai/./chat//%63ompletions");
        assertThat(match.normalizedPath()).isEqualTo("/ai/chat/completions");
        assertThat(match.strippedPath()).isEqualTo("/completions");
        assertThat(match(matcher, "/%61i/chat").normalizedPath()).isEqualTo("/ai/chat");
    }

    @Test
    void reservedCharactersStayEncoded() {
        RouteMatcher matcher = RouteMatcher.build(List.of(route("r").paths("/a/b").build()));
        assertThat(matchedId(matcher, "a.com", "/a%2fb")).isNull();
        assertThat(match(RouteMatcher.build(List.of(route("r").paths("/a").build())), "/a%2fb").normalizedPath())
                .isEqualTo("/a%2Fb");
    }

    @Test
    void routePathsAreNormalizedToo() {
        RouteMatcher matcher = RouteMatcher.build(List.of(
                route("plain").paths("/f%6Fo").build(), route("regex").paths("~/b%61r%2E$").build()));
        assertThat(matchedId(matcher, "a.com", "/foo/x")).isEqualTo("plain");
        assertThat(matchedId(matcher, "a.com", "/bar.")).isEqualTo("regex");
        assertThat(matchedId(matcher, "a.com", "/barx")).isNull(); // a decoded '.' stays a literal dot
    }

    @Test
    void regexRunsOnTheNormalizedPath() {
        RouteMatcher matcher = RouteMatcher.build(List.of(route("r").paths("~/admin$").build()));
        assertThat(matchedId(matcher, "a.com", "/ai/../admin")).isEqualTo("r");
        assertThat(matchedId(matcher, "a.com", "/%61dmin")).isEqualTo("r");
    }

    @Test
    void anyConfiguredPathWillDo() {
        RouteMatcher matcher = RouteMatcher.build(List.of(route("r").paths("/foo", "~/bar/\\d+").build()));
        assertThat(matchedId(matcher, "a.com", "/foo/1")).isEqualTo("r");
        assertThat(matchedId(matcher, "a.com", "/bar/7")).isEqualTo("r");
        assertThat(matchedId(matcher, "a.com", "/bar/x")).isNull();
    }
}
