package dev.tollgate.host.router;

import dev.tollgate.db.Route;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.tollgate.host.router.TestRoutes.headers;
import static dev.tollgate.host.router.TestRoutes.id;
import static dev.tollgate.host.router.TestRoutes.matchedId;
import static dev.tollgate.host.router.TestRoutes.route;
import static org.assertj.core.api.Assertions.assertThat;

/** When several routes match, the most specific one wins, whatever order the routes come in. */
class RouteMatcherPriorityTest {

    /** Builds the matcher from {@code routes} in the given order and reversed, and checks both agree. */
    private static String winner(String host, String path, Route... routes) {
        List<Route> reversed = new ArrayList<>(List.of(routes));
        Collections.reverse(reversed);
        String forward = matchedId(RouteMatcher.build(List.of(routes)), host, path);
        assertThat(matchedId(RouteMatcher.build(reversed), host, path)).as("reversed input").isEqualTo(forward);
        return forward;
    }

    @Test
    void hostsAndPathsBeatPathsOnly() {
        assertThat(winner("a.com", "/ai/chat",
                route("paths").paths("/ai/chat").createdAt(1).build(),
                route("hosts+paths").hosts("a.com").paths("/ai").createdAt(2).build()))
                .isEqualTo("hosts+paths");
    }

    @Test
    void moreCategoriesWinOverALongerPath() {
        assertThat(winner("a.com", "/ai/chat/completions",
                route("long").paths("/ai/chat/completions").build(),
                route("method").methods("GET").paths("/ai").build()))
                .isEqualTo("method");
    }

    @Test
    void hostAndMethodRouteIsTriedBeforeHostOnly() {
        RouteMatcher matcher = RouteMatcher.build(List.of(
                route("host").hosts("example.com").build(),
                route("host+post").hosts("example.com").methods("POST").build()));
        assertThat(id(matcher.match("GET", "http", "example.com", "/", headers()))).isEqualTo("host");
        assertThat(id(matcher.match("POST", "http", "example.com", "/", headers()))).isEqualTo("host+post");
    }

    @Test
    void withEqualCountsHostsBeatHeadersBeatPathsBeatMethods() {
        RouteMatcher matcher = RouteMatcher.build(List.of(
                route("methods").methods("GET").createdAt(1).build(),
                route("paths").paths("/").createdAt(2).build(),
                route("headers").header("x-a", "1").createdAt(3).build(),
                route("hosts").hosts("a.com").createdAt(4).build()));
        assertThat(id(matcher.match("GET", "http", "a.com", "/", headers("x-a", "1")))).isEqualTo("hosts");
        assertThat(id(matcher.match("GET", "http", "b.com", "/", headers("x-a", "1")))).isEqualTo("headers");
        assertThat(id(matcher.match("GET", "http", "b.com", "/", headers()))).isEqualTo("paths");
    }

    @Test
    void longerPrefixWins() {
        Route shorter = route("short").paths("/ai").createdAt(1).build();
        Route longer = route("long").paths("/ai/chat").createdAt(2).build();
        assertThat(winner("a.com", "/ai/chat/completions", shorter, longer)).isEqualTo("long");
        assertThat(winner("a.com", "/ai/embeddings", shorter, longer)).isEqualTo("short");
    }

    @Test
    void regexBeatsPrefixEvenALongerOne() {
        assertThat(winner("a.com", "/ai/chat/completions",
                route("prefix").paths("/ai/chat/completions").createdAt(1).build(),
                route("regex").paths("~/ai/").createdAt(2).build()))
                .isEqualTo("regex");
    }

    @Test
    void higherRegexPriorityWins() {
        Route low = route("low").paths("~/v\\d+").regexPriority(0).createdAt(1).build();
        Route high = route("high").paths("~/v1/chat").regexPriority(6).createdAt(2).build();
        assertThat(winner("a.com", "/v1/chat", low, high)).isEqualTo("high");
        assertThat(winner("a.com", "/v1/embeddings", low, high)).isEqualTo("low");
    }

    @Test
    void kongsDocumentedRegexOrder() {
        RouteMatcher matcher = RouteMatcher.build(List.of(
                route("status").paths("~/status/\\d+").regexPriority(0).createdAt(1).build(),
                route("version-status").paths("~/version/\\d+/status/\\d+").regexPriority(6).createdAt(2).build(),
                route("version").paths("/version").createdAt(3).build(),
                route("version-any").paths("~/version/any/").createdAt(4).build()));
        assertThat(matcher.toString()).isEqualTo("""
                RouteMatcher[
                  version-status ~/version/\\d+/status/\\d+
                  status ~/status/\\d+
                  version-any ~/version/any/
                  version /version
                ]""");
        assertThat(matchedId(matcher, "a.com", "/version/any/1")).isEqualTo("version-any");
        assertThat(matchedId(matcher, "a.com", "/version/2")).isEqualTo("version");
    }

    @Test
    void equalRoutesGoToTheOlderOneThenTheSmallerId() {
        assertThat(winner("a.com", "/ai",
                route("newer").paths("/ai").createdAt(200).build(),
                route("older").paths("/ai").createdAt(100).build()))
                .isEqualTo("older");
        assertThat(winner("a.com", "/ai",
                route("b").paths("/ai").createdAt(100).build(),
                route("a").paths("/ai").createdAt(100).build()))
                .isEqualTo("a");
    }

    @Test
    void equalRegexPriorityGoesToTheOlderRoute() {
        assertThat(winner("a.com", "/v1",
                route("newer").paths("~/v1").createdAt(2).build(),
                route("older").paths("~/v\\d").createdAt(1).build()))
                .isEqualTo("older");
    }

    @Test
    void eachPathOfARouteHasItsOwnPriority() {
        Route many = route("many").paths("/a", "/a/b/c").createdAt(1).build();
        Route middle = route("middle").paths("/a/b").createdAt(2).build();
        assertThat(winner("a.com", "/a/b/c/d", many, middle)).isEqualTo("many");
        assertThat(winner("a.com", "/a/b/x", many, middle)).isEqualTo("middle");
        assertThat(winner("a.com", "/a/x", many, middle)).isEqualTo("many");
    }

    @Test
    void plainHostsBeatWildcardHosts() {
        assertThat(winner("api.example.com", "/",
                route("wildcard").hosts("*.example.com").createdAt(1).build(),
                route("plain").hosts("api.example.com").createdAt(2).build()))
                .isEqualTo("plain");
    }

    @Test
    void moreHeadersWin() {
        RouteMatcher matcher = RouteMatcher.build(List.of(
                route("one").header("x-a", "1").createdAt(1).build(),
                route("two").header("x-a", "1").header("x-b", "2").createdAt(2).build()));
        assertThat(id(matcher.match("GET", "http", null, "/", headers("x-a", "1", "x-b", "2")))).isEqualTo("two");
        assertThat(id(matcher.match("GET", "http", null, "/", headers("x-a", "1")))).isEqualTo("one");
    }

    @Test
    void aLessSpecificRouteStillCatchesWhatTheMoreSpecificOneRejects() {
        RouteMatcher matcher = RouteMatcher.build(List.of(
                route("catch-all").paths("/").build(),
                route("post-chat").methods("POST").paths("/ai/chat").build()));
        assertThat(id(matcher.match("POST", "http", null, "/ai/chat", headers()))).isEqualTo("post-chat");
        assertThat(id(matcher.match("GET", "http", null, "/ai/chat", headers()))).isEqualTo("catch-all");
    }
}
