package dev.tollgate.host.router;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static dev.tollgate.host.router.TestRoutes.headers;
import static dev.tollgate.host.router.TestRoutes.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The upstream path for each combination of service path, route path, strip_path and path_handling. */
class UpstreamPathTest {

    /** Routes a request through a one-route matcher, then joins; a null route path means a route without paths. */
    private static String upstream(String servicePath, String routePath, boolean strip, String handling, String request) {
        TestRoutes.Builder builder = route("r").stripPath(strip).pathHandling(handling);
        builder = routePath == null ? builder.hosts("a.com") : builder.paths(routePath);
        RouteMatch match = RouteMatcher.build(List.of(builder.build()))
                .match("GET", "http", "a.com", request, headers()).orElseThrow();
        return UpstreamPath.join(servicePath, match);
    }

    @ParameterizedTest(name = "service {0}, route {1}, strip {2}, {3}: {4} -> {5}")
    @CsvSource({
            // Kong's documented table (Admin API, Route object, "Path handling algorithms"), every row
            "/s, /fv0,  false, v0, /fv0req,  /s/fv0req",
            "/s, /fv1,  false, v1, /fv1req,  /sfv1req",
            "/s, /tv0,  true,  v0, /tv0req,  /s/req",
            "/s, /tv1,  true,  v1, /tv1req,  /sreq",
            "/s, /fv0/, false, v0, /fv0/req, /s/fv0/req",
            "/s, /fv1/, false, v1, /fv1/req, /sfv1/req",
            "/s, /tv0/, true,  v0, /tv0/req, /s/req",
            "/s, /tv1/, true,  v1, /tv1/req, /sreq"})
    void kongsDocumentedTable(String service, String routePath, boolean strip, String handling, String request,
                              String expected) {
        assertThat(upstream(service, routePath, strip, handling, request)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "service {0}, route {1}, strip {2}: {3} -> {4}")
    @CsvSource({
            "/v1/chat/completions, /ai/chat, true,  /ai/chat,       /v1/chat/completions",
            "/v1/chat/completions, /ai/chat, true,  /ai/chat/extra, /v1/chat/completions/extra",
            "/v1/chat/completions, /ai/chat, false, /ai/chat,       /v1/chat/completions/ai/chat",
            ",                     /ai/chat, true,  /ai/chat,       /",
            "'',                   /ai/chat, true,  /ai/chat,       /",
            ",                     /ai/chat, true,  /ai/chat/x,     /x",
            ",                     /ai/chat, false, /ai/chat/x,     /ai/chat/x"})
    void aiProxyPaths(String service, String routePath, boolean strip, String request, String expected) {
        assertThat(upstream(service, routePath, strip, "v0", request)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "v0 service {0}, route {1}, strip {2}: {3} -> {4}")
    @CsvSource({
            // a service path with a trailing slash gets no double slash
            "/s/, /r, true,  /r/x, /s/x",
            "/s/, /r, true,  /rx,  /s/x",
            "/s/, /r, false, /r/x, /s/r/x",
            // nothing left after stripping: the client's trailing slash decides the service path's
            "/s,  /r, true,  /r,   /s",
            "/s,  /r, true,  /r/,  /s/",
            "/s/, /r, true,  /r,   /s",
            "/s/, /r, true,  /r/,  /s/",
            "/s/, /,  true,  /,    /s/",
            "/s,  /,  false, /,    /s",
            "/,   /r, true,  /r/,  /",
            // a prefix ending inside a segment cannot leave a '..' to climb out of the service path
            "/s,  /r, true,  /r../x, /s/x",
            "/s,  /r, true,  /r.,    /s"})
    void v0Edges(String service, String routePath, boolean strip, String request, String expected) {
        assertThat(upstream(service, routePath, strip, "v0", request)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "v1 service {0}, route {1}, strip {2}: {3} -> {4}")
    @CsvSource({
            "/s/, /r, true,  /r/x, /s/x",
            "/s,  /r, true,  /r/x, /s/x",
            "/s,  /r, true,  /r,   /s",
            "/,   /r, true,  /r,   /",
            "/,   /r, false, /r/x, /r/x",
            "/s/, /r, false, /r/x, /s/r/x"})
    void v1Edges(String service, String routePath, boolean strip, String request, String expected) {
        assertThat(upstream(service, routePath, strip, "v1", request)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{3}, service {0}, strip {1}: {2} -> {4}")
    @CsvSource({
            "/s, true,  /x/y, v0, /s/x/y",
            "/s, false, /x/y, v0, /s/x/y",
            "/s, true,  /x/y, v1, /sx/y",
            ",   true,  /x/y, v0, /x/y",
            ",   true,  /,    v0, /"})
    void routeWithoutPathsStripsNothing(String service, boolean strip, String request, String handling,
                                        String expected) {
        assertThat(upstream(service, null, strip, handling, request)).isEqualTo(expected);
    }

    @Test
    void regexMatchStripsTheMatchedText() {
        assertThat(upstream("/v1", "~/ai/(chat|embeddings)", true, "v0", "/ai/chat/completions"))
                .isEqualTo("/v1/completions");
    }

    @Test
    void upstreamGetsTheNormalizedPath() {
        assertThat(upstream("/s", "/ai", false, "v0", "/ai/./x/../%63hat")).isEqualTo("/s/ai/chat");
        assertThat(upstream("/s", "/ai", true, "v0", "/ai/x/%2E%2E/chat")).isEqualTo("/s/chat");
    }

    @Test
    void nullPathHandlingMeansV0() {
        assertThat(upstream("/s", "/tv0", true, null, "/tv0req")).isEqualTo("/s/req");
    }

    @Test
    void unknownPathHandlingIsRejected() {
        RouteMatch match = new RouteMatch(route("r").paths("/").pathHandling("v9").build(), "/", "/", "", Map.of());
        assertThatThrownBy(() -> UpstreamPath.join("/s", match))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("path_handling: 'v9' (expected: v0 or v1)");
    }
}
