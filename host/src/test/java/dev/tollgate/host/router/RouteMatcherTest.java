package dev.tollgate.host.router;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static dev.tollgate.host.router.TestRoutes.headers;
import static dev.tollgate.host.router.TestRoutes.id;
import static dev.tollgate.host.router.TestRoutes.matchedId;
import static dev.tollgate.host.router.TestRoutes.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which attributes a request must carry to match a route. */
class RouteMatcherTest {

    @Test
    void noRoutesOrNoMatchingRouteGivesEmpty() {
        assertThat(RouteMatcher.build(List.of()).match("GET", "http", "a.com", "/", headers())).isEmpty();
        RouteMatcher matcher = RouteMatcher.build(List.of(route("r").paths("/ai").build()));
        assertThat(matcher.match("GET", "http", "a.com", "/other", headers())).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"GET, r", "get, r", "HEAD, r", "POST, ", "DELETE, "})
    void methodsMatchIgnoringCase(String method, String expected) {
        RouteMatcher matcher = RouteMatcher.build(List.of(route("r").methods("GET", "head").build()));
        assertThat(id(matcher.match(method, "http", "a.com", "/", headers()))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"https, r", "HTTPS, r", "http, "})
    void schemeMustBeAmongProtocols(String scheme, String expected) {
        RouteMatcher matcher = RouteMatcher.build(List.of(route("r").protocols("https").paths("/").build()));
        assertThat(id(matcher.match("GET", scheme, "a.com", "/", headers()))).isEqualTo(expected);
    }

    @Test
    void emptyProtocolsAcceptAnyScheme() {
        RouteMatcher matcher = RouteMatcher.build(List.of(route("r").protocols().paths("/").build()));
        assertThat(id(matcher.match("GET", "grpc", null, "/", headers()))).isEqualTo("r");
    }

    @ParameterizedTest
    @CsvSource({
            "example.com, r", "EXAMPLE.com, r", "example.com:8000, r", "example.com:, r",
            "www.example.com, ", "example.org, ", "example.co, ", "'', "})
    void plainHostsMatchExactlyIgnoringCaseAndPort(String host, String expected) {
        RouteMatcher matcher = RouteMatcher.build(List.of(route("r").hosts("Example.COM").build()));
        assertThat(matchedId(matcher, host, "/")).isEqualTo(expected);
    }

    @Test
    void routeWithHostsDoesNotMatchRequestWithoutHost() {
        RouteMatcher matcher = RouteMatcher.build(List.of(route("r").hosts("example.com").build()));
        assertThat(matchedId(matcher, null, "/")).isNull();
    }

    @ParameterizedTest
    @CsvSource({
            "a.example.com, r", "x.y.example.com, r", "A.Example.Com:9000, r",
            "example.com, ", ".example.com, ", "a.example.org, ", "aexample.com, "})
    void leftWildcardMatchesAnySubdomain(String host, String expected) {
        RouteMatcher matcher = RouteMatcher.build(List.of(route("r").hosts("*.example.com").build()));
        assertThat(matchedId(matcher, host, "/")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"example.com, r", "example.org:81, r", "example.co.uk, r", "example., ", "example, ", "www.example.com, "})
    void rightWildcardMatchesAnyTopLevel(String host, String expected) {
        RouteMatcher matcher = RouteMatcher.build(List.of(route("r").hosts("example.*").build()));
        assertThat(matchedId(matcher, host, "/")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "http, example.com:8080, r", "http, example.com:8081, ", "http, example.com, ",
            "http, EXAMPLE.COM:8080, r", "http, other.com:8080, "})
    void hostWithPortRequiresThatPort(String scheme, String host, String expected) {
        RouteMatcher matcher = RouteMatcher.build(List.of(route("r").hosts("example.com:8080").build()));
        assertThat(id(matcher.match("GET", scheme, host, "/", headers()))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"http, example.com, ", "https, example.com, r", "http, example.com:443, r"})
    void requestWithoutPortUsesTheSchemesDefaultPort(String scheme, String host, String expected) {
        RouteMatcher matcher = RouteMatcher.build(List.of(route("r").hosts("example.com:443").build()));
        assertThat(id(matcher.match("GET", scheme, host, "/", headers()))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"api.example.com:8443, r", "api.example.com:443, ", "api.example.com, "})
    void wildcardHostWithPort(String host, String expected) {
        RouteMatcher matcher = RouteMatcher.build(List.of(route("r").hosts("*.example.com:8443").build()));
        assertThat(matchedId(matcher, host, "/")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"'[::1]:8000', r", "'[::1]', r", "'[::2]', ", "'::1', "})
    void ipv6HostLiterals(String host, String expected) {
        RouteMatcher matcher = RouteMatcher.build(List.of(route("r").hosts("[::1]").build()));
        assertThat(matchedId(matcher, host, "/")).isEqualTo(expected);
    }

    @Test
    void anyConfiguredHostWillDo() {
        RouteMatcher matcher = RouteMatcher.build(List.of(route("r").hosts("a.com", "*.b.com").build()));
        assertThat(matchedId(matcher, "a.com", "/")).isEqualTo("r");
        assertThat(matchedId(matcher, "x.b.com", "/")).isEqualTo("r");
        assertThat(matchedId(matcher, "c.com", "/")).isNull();
    }

    @Test
    void headersNeedEveryNameAndAnyValueIgnoringCase() {
        RouteMatcher matcher = RouteMatcher.build(List.of(
                route("r").header("X-Version", "v1", "v2").header("region", "north").build()));
        assertThat(id(matcher.match("GET", "http", null, "/", headers("x-version", "V2", "Region", "NORTH"))))
                .isEqualTo("r");
        assertThat(id(matcher.match("GET", "http", null, "/", headers("x-version", "v3", "region", "north"))))
                .isNull();
        assertThat(id(matcher.match("GET", "http", null, "/", headers("x-version", "v1")))).isNull();
        assertThat(id(matcher.match("GET", "http", null, "/",
                headers("x-version", "v9", "x-version", "v1", "region", "north")))).isEqualTo("r");
    }

    @ParameterizedTest
    @CsvSource({"gpt-4o, r", "GPT-4O-mini, r", "openai/gpt-4, r", "claude-3, "})
    void headerValueWithTildeStarIsCaseInsensitiveRegexFoundAnywhere(String value, String expected) {
        RouteMatcher matcher = RouteMatcher.build(List.of(route("r").header("x-model", "~*gpt-\\d").build()));
        assertThat(id(matcher.match("GET", "http", null, "/", headers("X-Model", value)))).isEqualTo(expected);
    }

    @Test
    void headerRegexAndPlainValuesMix() {
        RouteMatcher matcher = RouteMatcher.build(List.of(route("r").header("x-model", "claude", "~*^gpt").build()));
        assertThat(id(matcher.match("GET", "http", null, "/", headers("x-model", "Claude")))).isEqualTo("r");
        assertThat(id(matcher.match("GET", "http", null, "/", headers("x-model", "gpt-4")))).isEqualTo("r");
        assertThat(id(matcher.match("GET", "http", null, "/", headers("x-model", "my-gpt")))).isNull();
    }

    @Test
    void everyConfiguredAttributeMustMatch() {
        RouteMatcher matcher = RouteMatcher.build(List.of(
                route("r").hosts("example.com", "foo-service.com").paths("/foo", "/bar").methods("GET").build()));
        assertThat(matchedId(matcher, "example.com", "/foo")).isEqualTo("r");
        assertThat(matchedId(matcher, "foo-service.com", "/bar")).isEqualTo("r");
        assertThat(matchedId(matcher, "example.com", "/foo/hello/world")).isEqualTo("r");
        assertThat(matchedId(matcher, "example.com", "/")).isNull();
        assertThat(id(matcher.match("POST", "http", "example.com", "/foo", headers()))).isNull();
        assertThat(matchedId(matcher, "foo.com", "/foo")).isNull();
    }

    @Test
    void routeWithoutPathsMatchesAnyPath() {
        RouteMatcher matcher = RouteMatcher.build(List.of(route("r").hosts("a.com").build()));
        RouteMatch match = matcher.match("GET", "http", "a.com", "/any/thing", headers()).orElseThrow();
        assertThat(match.matchedPath()).isEmpty();
        assertThat(match.strippedPath()).isEqualTo("/any/thing");
        assertThat(match.captures()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "*.*.com | host",
            "a.*.com | host",
            "*example.com | host",
            "example.com:http | host",
            "example.com:70000 | host"})
    void buildRejectsBadHosts(String host, String field) {
        assertThatThrownBy(() -> RouteMatcher.check(route("r1").hosts(host).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("route r1: " + field + ": '" + host + "'");
    }

    @Test
    void buildLeavesOutARouteItCannotUseAndKeepsTheRest() {
        RouteMatcher m = RouteMatcher.build(List.of(route("bad").paths("~/a(").build(), route("good").paths("/a").build()));
        assertThat(m.match("GET", "http", null, "/a", h -> List.of())).map(r -> r.route().id()).contains("good");
    }

    @Test
    void buildRejectsRoutesKongsSchemaRejects() {
        assertThatThrownBy(() -> RouteMatcher.check(route("r1").build()))
                .hasMessage("route r1: no methods, hosts, headers or paths (expected: at least one)");
        assertThatThrownBy(() -> RouteMatcher.check(route("r1").paths("~/a(").build()))
                .hasMessageStartingWith("route r1: path: '~/a(' (expected: a valid regex after '~'");
        assertThatThrownBy(() -> RouteMatcher.check(route("r1").paths("ai").build()))
                .hasMessage("route r1: path: 'ai' (expected: starting with '/' or '~')");
        assertThatThrownBy(() -> RouteMatcher.check(route("r1").header("Host", "a.com").build()))
                .hasMessage("route r1: headers: 'host' (expected: hosts to match the Host header)");
        assertThatThrownBy(() -> RouteMatcher.check(route("r1").header("x-a", "~*(").build()))
                .hasMessageStartingWith("route r1: headers.x-a: '~*(' (expected: a valid regex after '~*'");
        assertThatThrownBy(() -> RouteMatcher.check(route("r1").paths("/").pathHandling("v2").build()))
                .hasMessage("route r1: path_handling: 'v2' (expected: v0 or v1)");
    }
}
