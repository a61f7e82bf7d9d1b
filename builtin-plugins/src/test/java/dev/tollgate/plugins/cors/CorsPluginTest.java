package dev.tollgate.plugins.cors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.testkit.FakePluginContext;

class CorsPluginTest {
    static final String APP = "https://app.example.com";

    static Plugin plugin(Map<String, ?> config) {
        var factory = new CorsPluginFactory();
        return factory.create(factory.configSchema().validate(config));
    }

    static FakePluginContext.Builder preflight(String origin) {
        return FakePluginContext.builder().method("OPTIONS").header("Origin", origin)
                .header("Access-Control-Request-Method", "POST");
    }

    /** Runs access and, when no exit, header_filter over an upstream answer with {@code upstreamHeaders}. */
    static FakePluginContext run(Map<String, ?> config, FakePluginContext.Builder request) {
        Plugin plugin = plugin(config);
        FakePluginContext ctx = request.upstreamResponse(200, Map.of()).build();
        plugin.access(ctx.in(Phase.ACCESS));
        plugin.headerFilter(ctx.in(Phase.HEADER_FILTER));
        return ctx;
    }

    static FakePluginContext get(Map<String, ?> config, String origin) {
        FakePluginContext.Builder request = FakePluginContext.builder();
        if (origin != null) {
            request.header("Origin", origin);
        }
        return run(config, request);
    }

    static Map<String, List<String>> headers(FakePluginContext ctx) {
        return ctx.responseHeaders();
    }

    @Nested
    class Preflight {
        @Test
        void isAnsweredWith200AndTheAllowHeaders() {
            FakePluginContext ctx = run(Map.of("max_age", 3600),
                    preflight(APP).header("Access-Control-Request-Headers", "content-type,authorization"));

            assertThat(ctx.exitStatus()).isEqualTo(200);
            assertThat(ctx.exitBody()).isEqualTo("");
            assertThat(headers(ctx)).containsOnly(
                    Map.entry("access-control-allow-origin", List.of("*")),
                    Map.entry("access-control-allow-headers", List.of("content-type,authorization")),
                    Map.entry("access-control-allow-methods", List.of("GET,HEAD,PUT,PATCH,POST,DELETE,OPTIONS,TRACE,CONNECT")),
                    Map.entry("access-control-max-age", List.of("3600")));
        }

        @Test
        void configuredHeadersAndMethodsReplaceWhatTheBrowserAsksFor() {
            FakePluginContext ctx = run(Map.of("headers", List.of("X-Api-Key", "Content-Type"), "methods", List.of("GET", "POST")),
                    preflight(APP).header("Access-Control-Request-Headers", "x-other"));

            assertThat(headers(ctx)).containsEntry("access-control-allow-headers", List.of("X-Api-Key,Content-Type"))
                    .containsEntry("access-control-allow-methods", List.of("GET,POST"))
                    .doesNotContainKey("access-control-max-age");
        }

        @Test
        void withoutAskedHeadersNoAllowHeadersIsSent() {
            assertThat(headers(run(Map.of(), preflight(APP)))).doesNotContainKey("access-control-allow-headers");
        }

        @Test
        void allowedOriginIsEchoedAndTheAnswerVariesByOrigin() {
            FakePluginContext ctx = run(Map.of("origins", List.of(APP, "https://admin.example.com")), preflight(APP));

            assertThat(ctx.exitStatus()).isEqualTo(200);
            assertThat(headers(ctx)).containsEntry("access-control-allow-origin", List.of(APP))
                    .containsEntry("vary", List.of("Origin"));
        }

        @Test
        void disallowedOriginGetsNoAllowOrigin() {
            FakePluginContext ctx = run(Map.of("origins", List.of(APP, "https://admin.example.com")), preflight("https://evil.test"));

            assertThat(ctx.exitStatus()).isEqualTo(200);
            assertThat(headers(ctx)).doesNotContainKey("access-control-allow-origin").containsEntry("vary", List.of("Origin"));
        }

        @Test
        void credentialsWithAnyOriginEchoTheOrigin() {
            FakePluginContext ctx = run(Map.of("credentials", true), preflight(APP));

            assertThat(headers(ctx)).containsEntry("access-control-allow-origin", List.of(APP))
                    .containsEntry("access-control-allow-credentials", List.of("true"))
                    .containsEntry("vary", List.of("Origin"));
        }

        @Test
        void privateNetworkAccessIsAllowedWhenAskedAndConfigured() {
            var asked = preflight(APP).header("Access-Control-Request-Private-Network", "true");
            assertThat(headers(run(Map.of("private_network", true), asked)))
                    .containsEntry("access-control-allow-private-network", List.of("true"));
            assertThat(headers(run(Map.of(), preflight(APP).header("Access-Control-Request-Private-Network", "true"))))
                    .doesNotContainKey("access-control-allow-private-network");
            assertThat(headers(run(Map.of("private_network", true), preflight(APP))))
                    .doesNotContainKey("access-control-allow-private-network");
        }

        @Test
        void preflightContinueLeavesItToTheUpstreamWithoutHeaders() {
            FakePluginContext ctx = run(Map.of("preflight_continue", true), preflight(APP));

            assertThat(ctx.exitStatus()).isZero();
            assertThat(headers(ctx)).isEmpty();
        }

        @Test
        void optionsWithoutOriginOrRequestMethodIsNoPreflight() {
            FakePluginContext noMethod = run(Map.of(), FakePluginContext.builder().method("OPTIONS").header("Origin", APP));
            assertThat(noMethod.exitStatus()).isZero();
            assertThat(headers(noMethod)).containsEntry("access-control-allow-origin", List.of("*"));

            FakePluginContext noOrigin = run(Map.of(), FakePluginContext.builder().method("OPTIONS")
                    .header("Access-Control-Request-Method", "GET"));
            assertThat(noOrigin.exitStatus()).isZero();
        }
    }

    @Nested
    class Responses {
        @Test
        void anyOriginGetsAStarWithoutVary() {
            assertThat(headers(get(Map.of(), APP))).containsOnly(Map.entry("access-control-allow-origin", List.of("*")));
            assertThat(headers(get(Map.of("origins", List.of("*")), APP)))
                    .containsOnly(Map.entry("access-control-allow-origin", List.of("*")));
            assertThat(headers(get(Map.of("origins", List.of(APP, "*")), APP)))
                    .containsOnly(Map.entry("access-control-allow-origin", List.of("*")));
        }

        @Test
        void aSinglePlainOriginIsSentAsConfigured() {
            assertThat(headers(get(Map.of("origins", List.of(APP)), "https://evil.test")))
                    .containsEntry("access-control-allow-origin", List.of(APP))
                    .containsEntry("vary", List.of("Origin"));
        }

        @Test
        void exactOriginsIgnoreTheDefaultPort() {
            Map<String, ?> config = Map.of("origins", List.of("https://app.example.com:443", "http://other.test:8080"));

            assertThat(headers(get(config, APP))).containsEntry("access-control-allow-origin", List.of(APP));
            assertThat(headers(get(config, "http://other.test:8080")))
                    .containsEntry("access-control-allow-origin", List.of("http://other.test:8080"));
            assertThat(headers(get(config, "http://other.test"))).doesNotContainKey("access-control-allow-origin");
        }

        @Test
        void regexOriginsMatchTheWholeOriginOrTheHost() {
            Map<String, ?> byOrigin = Map.of("origins", List.of("https://.*\\.example\\.com"));
            assertThat(headers(get(byOrigin, "https://a.example.com"))).containsEntry("access-control-allow-origin",
                    List.of("https://a.example.com"));
            assertThat(headers(get(byOrigin, "http://a.example.com"))).doesNotContainKey("access-control-allow-origin");
            assertThat(headers(get(byOrigin, "https://a.example.com.evil.test"))).doesNotContainKey("access-control-allow-origin");

            Map<String, ?> byHost = Map.of("origins", List.of("^.*\\.example\\.org$"));
            assertThat(headers(get(byHost, "http://x.example.org:8080"))).containsEntry("access-control-allow-origin",
                    List.of("http://x.example.org:8080"));
            assertThat(headers(get(byHost, "http://example.org"))).doesNotContainKey("access-control-allow-origin");
        }

        @Test
        void aDisallowedOriginLosesAnUpstreamAllowOrigin() {
            Plugin plugin = plugin(Map.of("origins", List.of(APP, "https://b.test")));
            FakePluginContext ctx = FakePluginContext.builder().header("Origin", "https://evil.test").build();
            ctx.response().setHeader("Access-Control-Allow-Origin", "*"); // as the upstream sent it
            plugin.access(ctx.in(Phase.ACCESS));
            plugin.headerFilter(ctx.in(Phase.HEADER_FILTER));

            assertThat(headers(ctx)).doesNotContainKey("access-control-allow-origin");
        }

        @Test
        void varyOriginIsAddedOnce() {
            Plugin plugin = plugin(Map.of("origins", List.of(APP)));
            FakePluginContext ctx = FakePluginContext.builder().header("Origin", APP).build();
            ctx.response().setHeader("Vary", "Accept-Encoding");
            plugin.headerFilter(ctx.in(Phase.HEADER_FILTER));
            assertThat(headers(ctx)).containsEntry("vary", List.of("Accept-Encoding", "Origin"));

            FakePluginContext again = FakePluginContext.builder().header("Origin", APP).build();
            again.response().setHeader("Vary", "Accept-Encoding, Origin");
            plugin.headerFilter(again.in(Phase.HEADER_FILTER));
            assertThat(headers(again)).containsEntry("vary", List.of("Accept-Encoding, Origin"));
        }

        @Test
        void credentialsAndExposedHeaders() {
            Map<String, ?> config = Map.of("credentials", true, "exposed_headers", List.of("X-Request-Id", "X-RateLimit-Remaining"));

            assertThat(headers(get(config, APP))).containsOnly(
                    Map.entry("access-control-allow-origin", List.of(APP)),
                    Map.entry("vary", List.of("Origin")),
                    Map.entry("access-control-allow-credentials", List.of("true")),
                    Map.entry("access-control-expose-headers", List.of("X-Request-Id,X-RateLimit-Remaining")));
            // Without an Origin there is nothing to echo: '*' stays and credentials are not offered.
            assertThat(headers(get(Map.of("credentials", true), null)))
                    .containsOnly(Map.entry("access-control-allow-origin", List.of("*")));
            assertThat(headers(get(Map.of("credentials", true, "origins", List.of(APP)), APP)))
                    .containsEntry("access-control-allow-credentials", List.of("true"));
        }

        @Test
        void requestsWithoutOriginAreLeftAloneWhenAsked() {
            assertThat(headers(get(Map.of(), null))).containsEntry("access-control-allow-origin", List.of("*"));
            assertThat(headers(get(Map.of("allow_origin_absent", false), null))).isEmpty();
            assertThat(headers(get(Map.of("allow_origin_absent", false), APP))).isNotEmpty();
        }
    }

    @Test
    void printsItsPolicy() {
        assertThat(plugin(Map.of("origins", List.of(APP))).toString())
                .isEqualTo("cors{origins=" + APP + ", credentials=false, preflight_continue=false}");
    }
}
