package dev.tollgate.plugins.responsetransformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tollgate.sdk.ClientResponse;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.testkit.FakePluginContext;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ResponseTransformerPluginTest {
    static final Map<String, String> JSON = Map.of("Content-Type", "application/json; charset=utf-8", "Content-Length", "99");

    static Plugin plugin(Map<String, ?> config) {
        var factory = new ResponseTransformerPluginFactory();
        return factory.create(factory.configSchema().validate(config));
    }

    /** {@code {op: {part: entries}}}, as operators write it. */
    static Map<String, ?> rule(String operation, String part, String... entries) {
        return Map.of(operation, Map.of(part, List.of(entries)));
    }

    @SafeVarargs
    static Map<String, Object> rules(Map<String, ?>... rules) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map<String, ?> r : rules) {
            r.forEach((op, parts) -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> merged = (Map<String, Object>) out.computeIfAbsent(op, k -> new LinkedHashMap<>());
                ((Map<?, ?>) parts).forEach((part, entries) -> merged.put((String) part, entries));
            });
        }
        return out;
    }

    /**
     * A context in header_filter whose client response starts with the upstream's headers, as the
     * gateway seeds it (the test kit leaves the client's headers empty).
     */
    static FakePluginContext upstream(Map<String, String> headers, String... multi) {
        var builder = FakePluginContext.builder().upstreamResponse(200, headers);
        FakePluginContext ctx = builder.build();
        headers.forEach((k, v) -> {
            if (!ClientResponse.FRAMING_HEADERS.contains(k.toLowerCase(java.util.Locale.ROOT))) {
                ctx.response().setHeader(k, v); // the gateway seeds the framing ones itself; plugins may not set them
            }
        });
        for (int i = 0; i < multi.length; i += 2) {
            ctx.response().addHeader(multi[i], multi[i + 1]);
        }
        return ctx.in(Phase.HEADER_FILTER);
    }

    /** Runs header_filter, then body_filter over {@code chunks}; returns what the client got. */
    static String respond(Plugin plugin, FakePluginContext ctx, String... chunks) {
        plugin.headerFilter(ctx.in(Phase.HEADER_FILTER));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ctx.in(Phase.BODY_FILTER);
        for (String chunk : chunks) {
            out.writeBytes(plugin.bodyFilter(ctx, chunk.getBytes(StandardCharsets.UTF_8), false));
        }
        out.writeBytes(plugin.bodyFilter(ctx, new byte[0], true));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Nested
    class Headers {
        @Test
        void removeRenameReplaceAddAppendInKongsOrder() {
            FakePluginContext ctx = upstream(Map.of("Server", "up/1.0", "X-Old", "a", "X-Model", "gpt-3.5", "X-Tag", "zero"));
            plugin(rules(
                    rule("remove", "headers", "Server", "X-Absent"),
                    rule("rename", "headers", "X-Old:X-New", "X-Missing:X-Other"),
                    rule("replace", "headers", "X-Model:gpt-4o", "X-Absent:never"),
                    rule("add", "headers", "X-Model:ignored", "X-Team:blue"),
                    rule("append", "headers", "X-Tag:one", "X-Tag:two"))).headerFilter(ctx);

            assertThat(ctx.responseHeaders()).doesNotContainKeys("server", "x-old", "x-absent", "x-other")
                    .containsEntry("x-new", List.of("a"))
                    .containsEntry("x-model", List.of("gpt-4o"))
                    .containsEntry("x-team", List.of("blue"))
                    .containsEntry("x-tag", List.of("zero", "one", "two"));
        }

        @Test
        void renameMovesEveryValueOfTheUpstreamHeader() {
            var builder = FakePluginContext.builder().upstreamResponse(200, Map.of());
            FakePluginContext ctx = builder.build().in(Phase.HEADER_FILTER);
            ctx.upstreamResponse().headers().put("x-ids", List.of("1", "2"));
            ctx.response().addHeader("X-Ids", "1");
            ctx.response().addHeader("X-Ids", "2");
            plugin(rule("rename", "headers", "X-Ids:X-Request-Ids")).headerFilter(ctx.in(Phase.HEADER_FILTER));

            assertThat(ctx.responseHeaders()).doesNotContainKey("x-ids").containsEntry("x-request-ids", List.of("1", "2"));
        }

        @Test
        void headerRulesApplyToAnyContentType() {
            FakePluginContext ctx = upstream(Map.of("Content-Type", "text/html"));
            assertThat(respond(plugin(rules(rule("add", "headers", "X-A:1"), rule("add", "json", "a:1"))), ctx, "<p>hi</p>"))
                    .isEqualTo("<p>hi</p>");
            assertThat(ctx.responseHeaders()).containsEntry("x-a", List.of("1"));
        }
    }

    @Nested
    class JsonBody {
        @Test
        void everyRuleAppliedToTheWholeBufferedBody() {
            Plugin plugin = plugin(rules(
                    rule("remove", "json", "internal"),
                    rule("rename", "json", "text:output"),
                    rule("replace", "json", "model:tollgate-model", "absent:x"),
                    rule("add", "json", "served_by:tollgate", "model:no"),
                    rule("append", "json", "tags:b")));
            FakePluginContext ctx = upstream(JSON);

            String out = respond(plugin, ctx, "{\"model\":\"gpt-4o\",\"text\":\"h\\u00e9llo \\\"w\\\"\",",
                    "\"internal\":{\"cost\":0.0021},\"usage\":{\"total_tokens\":12,\"details\":[1,{\"x\":null}]},",
                    "\"tags\":\"a\"}");

            assertThat(out).isEqualTo("{\"model\":\"tollgate-model\",\"output\":\"héllo \\\"w\\\"\","
                    + "\"usage\":{\"total_tokens\":12,\"details\":[1,{\"x\":null}]},\"tags\":[\"a\",\"b\"],"
                    + "\"served_by\":\"tollgate\"}");
            assertThat(ctx.responseHeaders()).doesNotContainKey("content-length")
                    .containsEntry("content-type", List.of("application/json; charset=utf-8"));
        }

        @Test
        void chunksAreHeldBackUntilTheLast() {
            Plugin plugin = plugin(rule("add", "json", "a:1"));
            FakePluginContext ctx = upstream(JSON);
            plugin.headerFilter(ctx);

            assertThat(plugin.bodyFilter(ctx.in(Phase.BODY_FILTER), "{\"b\":".getBytes(StandardCharsets.UTF_8), false)).isEmpty();
            assertThat(plugin.bodyFilter(ctx, "2}".getBytes(StandardCharsets.UTF_8), true))
                    .isEqualTo("{\"b\":2,\"a\":\"1\"}".getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void jsonTypesTypeTheValues() {
            Plugin plugin = plugin(Map.of(
                    "add", Map.of("json", List.of("n:1.5", "b:true", "s:1"), "json_types", List.of("number", "boolean")),
                    "replace", Map.of("json", List.of("flag:false"), "json_types", List.of("boolean")),
                    "append", Map.of("json", List.of("ids:7"), "json_types", List.of("number"))));

            assertThat(respond(plugin, upstream(JSON), "{\"flag\":true,\"ids\":[5]}"))
                    .isEqualTo("{\"flag\":false,\"ids\":[5,7],\"n\":1.5,\"b\":true,\"s\":\"1\"}");
        }

        @Test
        void anUntouchedBodyIsSentAsIs() {
            String body = "{ \"a\" : 1.0 }";
            assertThat(respond(plugin(rule("remove", "json", "absent")), upstream(JSON), body)).isEqualTo(body);
        }

        @Test
        void aBodyThatIsNoJsonObjectIsSentAsIs() {
            FakePluginContext ctx = upstream(JSON);
            assertThat(respond(plugin(rule("add", "json", "a:1")), ctx, "{\"broken\":")).isEqualTo("{\"broken\":");
            assertThat(ctx.logLines()).anyMatch(l -> l.startsWith("WARNING") && l.contains("invalid JSON"));

            assertThat(respond(plugin(rule("add", "json", "a:1")), upstream(JSON), "[1]")).isEqualTo("[1]");
        }

        @Test
        void onlyJsonResponsesAreBuffered() {
            Plugin plugin = plugin(rule("add", "json", "a:1"));
            FakePluginContext ctx = upstream(Map.of("Content-Type", "text/event-stream", "Content-Length", "5"));
            plugin.headerFilter(ctx);
            byte[] chunk = "data: {}\n\n".getBytes(StandardCharsets.UTF_8);

            assertThat(plugin.bodyFilter(ctx.in(Phase.BODY_FILTER), chunk, false)).isSameAs(chunk);
            assertThat(ctx.responseHeaders().get("content-type")).containsExactly("text/event-stream");
            assertThat(respond(plugin, upstream(Map.of()), "{}")).isEqualTo("{}");
        }

        @Test
        void vendorJsonTypesCountAndCompressedBodiesDoNot() {
            assertThat(respond(plugin(rule("add", "json", "a:1")), upstream(Map.of("Content-Type", "application/problem+json")), "{}"))
                    .isEqualTo("{\"a\":\"1\"}");
            assertThat(respond(plugin(rule("add", "json", "a:1")),
                    upstream(Map.of("Content-Type", "application/json", "Content-Encoding", "gzip")), "{}")).isEqualTo("{}");
        }

        @Test
        void theContentTypeIsReadAfterTheHeaderRules() {
            Plugin plugin = plugin(rules(rule("replace", "headers", "Content-Type:application/json"), rule("add", "json", "a:1")));

            assertThat(respond(plugin, upstream(Map.of("Content-Type", "text/plain")), "{}")).isEqualTo("{\"a\":\"1\"}");
        }
    }

    @Test
    void printsItsRules() {
        assertThat(plugin(rule("remove", "headers", "Server")).toString()).startsWith("response-transformer{headers=HeaderRules[remove=[Server]");
    }
}
