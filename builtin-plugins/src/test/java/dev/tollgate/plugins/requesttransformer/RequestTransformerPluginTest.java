package dev.tollgate.plugins.requesttransformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.testkit.FakePluginContext;

class RequestTransformerPluginTest {

    static Plugin plugin(Map<String, ?> config) {
        var factory = new RequestTransformerPluginFactory();
        return factory.create(factory.configSchema().validate(config));
    }

    static FakePluginContext run(Map<String, ?> config, FakePluginContext.Builder request) {
        FakePluginContext ctx = request.build();
        plugin(config).access(ctx.in(Phase.ACCESS));
        return ctx;
    }

    @Test
    void changesTheMethodSentUpstream() {
        FakePluginContext ctx = run(Map.of("http_method", "POST"), FakePluginContext.builder().method("GET"));
        assertThat(ctx.upstreamMethod()).isEqualTo("POST");
        assertThat(ctx.request().method()).isEqualTo("GET"); // the client's request stays as it came
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

    static String body(FakePluginContext ctx) {
        return ctx.upstreamBody() == null ? null : new String(ctx.upstreamBody(), StandardCharsets.UTF_8);
    }

    @Nested
    class Headers {
        @Test
        void removeRenameReplaceAddAppendInKongsOrder() {
            FakePluginContext ctx = run(rules(
                            rule("remove", "headers", "X-Secret"),
                            rule("rename", "headers", "X-Old:X-New"),
                            rule("replace", "headers", "X-Model:gpt-4o", "X-Absent:never"),
                            rule("add", "headers", "X-Model:ignored", "X-Team:blue"),
                            rule("append", "headers", "X-Tag:one", "X-Tag:two")),
                    FakePluginContext.builder().header("X-Secret", "s").header("X-Old", "a").header("X-Old", "b")
                            .header("X-Model", "gpt-3.5").header("X-Tag", "zero"));

            assertThat(ctx.upstreamHeaders()).doesNotContainKeys("x-secret", "x-old", "x-absent")
                    .containsEntry("x-new", List.of("a", "b"))
                    .containsEntry("x-model", List.of("gpt-4o"))
                    .containsEntry("x-team", List.of("blue"))
                    .containsEntry("x-tag", List.of("zero", "one", "two"));
        }

        @Test
        void renameReplacesTheTargetAndSkipsAnAbsentSource() {
            FakePluginContext ctx = run(rule("rename", "headers", "X-A:X-B", "X-Missing:X-C"),
                    FakePluginContext.builder().header("X-A", "from-a").header("X-B", "old-b").header("X-C", "c"));

            assertThat(ctx.upstreamHeaders()).doesNotContainKey("x-a")
                    .containsEntry("x-b", List.of("from-a")).containsEntry("x-c", List.of("c"));
        }

        @Test
        void hostCanBeReplacedButNotAdded() {
            assertThat(run(rule("replace", "headers", "Host:internal.svc"), FakePluginContext.builder()).upstreamHeaders())
                    .containsEntry("host", List.of("internal.svc"));
            assertThat(run(rule("add", "headers", "Host:internal.svc"), FakePluginContext.builder()).upstreamHeaders())
                    .doesNotContainKey("host");
        }

        @Test
        void valuesMayHoldColonsAndNamesAreCaseInsensitive() {
            FakePluginContext ctx = run(rules(rule("replace", "headers", "x-url:https://a.test:8443/x"),
                            rule("remove", "headers", "X-REMOVE-ME")),
                    FakePluginContext.builder().header("X-Url", "old").header("x-remove-me", "1"));

            assertThat(ctx.upstreamHeaders()).containsEntry("x-url", List.of("https://a.test:8443/x"))
                    .doesNotContainKey("x-remove-me");
        }
    }

    @Nested
    class QueryString {
        @Test
        void everyRuleWithUntouchedParametersKeptAsSent() {
            FakePluginContext ctx = run(rules(
                            rule("remove", "querystring", "debug"),
                            rule("rename", "querystring", "q:query"),
                            rule("replace", "querystring", "model:gpt 4", "absent:x"),
                            rule("add", "querystring", "model:no", "lang:en"),
                            rule("append", "querystring", "tag:b")),
                    FakePluginContext.builder().rawQuery("keep=a%2Fb&debug=1&q=x&model=old&model=older&debug&tag=a"));

            assertThat(ctx.upstreamRequest().rawQuery())
                    .isEqualTo("keep=a%2Fb&query=x&model=gpt%204&tag=a&lang=en&tag=b");
        }

        @Test
        void nothingAppliedLeavesTheQueryAlone() {
            FakePluginContext ctx = run(rule("remove", "querystring", "absent"),
                    FakePluginContext.builder().rawQuery("a=%zz&b"));

            assertThat(ctx.upstreamRequest().rawQuery()).isEqualTo("a=%zz&b");
        }

        @Test
        void addsToAnEmptyQueryAndEncodes() {
            FakePluginContext ctx = run(rule("add", "querystring", "api-version:2024-10-01", "q:a&b=c"), FakePluginContext.builder());

            assertThat(ctx.upstreamRequest().rawQuery()).isEqualTo("api-version=2024-10-01&q=a%26b%3Dc");
        }
    }

    @Nested
    class FormBody {
        static FakePluginContext.Builder form(String body) {
            return FakePluginContext.builder().method("POST")
                    .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").body(body);
        }

        @Test
        void everyRule() {
            FakePluginContext ctx = run(rules(
                            rule("remove", "body", "password"),
                            rule("rename", "body", "user:username"),
                            rule("replace", "body", "scope:read write"),
                            rule("add", "body", "client:tollgate", "scope:no"),
                            rule("append", "body", "tag:x")),
                    form("user=ann&password=s3cret&scope=all&keep=%C3%A9"));

            assertThat(body(ctx)).isEqualTo("username=ann&scope=read%20write&keep=%C3%A9&client=tollgate&tag=x");
        }

        @Test
        void untouchedBodyIsNotRewritten() {
            FakePluginContext ctx = run(rule("remove", "body", "absent"), form("a=1"));

            assertThat(ctx.upstreamBody()).isEqualTo("a=1".getBytes(StandardCharsets.UTF_8));
            assertThat(run(rule("add", "body", "a:2"), form("a=1")).upstreamBody())
                    .isEqualTo("a=1".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Nested
    class JsonBody {
        static FakePluginContext.Builder json(String body) {
            return FakePluginContext.builder().method("POST").header("Content-Type", "application/json").body(body);
        }

        @Test
        void everyRuleOnTopLevelMembersKeepingNestedValuesIntact() {
            FakePluginContext ctx = run(rules(
                            rule("remove", "body", "user"),
                            rule("rename", "body", "prompt:input"),
                            rule("replace", "body", "model:gpt-4o", "absent:x"),
                            rule("add", "body", "stream:false", "model:no"),
                            rule("append", "body", "stop:END", "tags:t2", "fresh:v")),
                    json("{\"model\":\"gpt-3.5\",\"prompt\":\"say \\\"hi\\\"\\n\",\"user\":\"u1\",\"stop\":\"\\u0000\","
                            + "\"tags\":[\"t1\"],\"options\":{\"temperature\":0.70,\"nested\":{\"a\":[1,2e10,null]}}}"));

            assertThat(body(ctx)).isEqualTo("{\"model\":\"gpt-4o\",\"input\":\"say \\\"hi\\\"\\n\",\"stop\":[\"\\u0000\",\"END\"],"
                    + "\"tags\":[\"t1\",\"t2\"],\"options\":{\"temperature\":0.70,\"nested\":{\"a\":[1,2e10,null]}},"
                    + "\"stream\":\"false\",\"fresh\":[\"v\"]}");
        }

        @Test
        void plusJsonMediaTypesAndEmptyBodiesCount() {
            FakePluginContext ctx = run(rule("add", "body", "a:1"),
                    FakePluginContext.builder().method("POST").header("Content-Type", "application/vnd.api+json"));

            assertThat(body(ctx)).isEqualTo("{\"a\":\"1\"}");
        }

        @Test
        void invalidJsonIsSentOnUntouched() {
            String broken = "{\"model\":\"gpt\",}";
            FakePluginContext ctx = run(rule("add", "body", "a:1"), json(broken));

            assertThat(body(ctx)).isEqualTo(broken);
            assertThat(ctx.logLines()).anyMatch(l -> l.startsWith("WARNING") && l.contains("not a JSON object")
                    && l.contains("offset"));
        }

        @Test
        void aJsonArrayOrScalarIsSentOnUntouched() {
            assertThat(body(run(rule("add", "body", "a:1"), json("[1,2]")))).isEqualTo("[1,2]");
            assertThat(body(run(rule("add", "body", "a:1"), json("\"text\"")))).isEqualTo("\"text\"");
        }

        @Test
        void otherMediaTypesAreLeftAlone() {
            FakePluginContext ctx = run(rule("add", "body", "a:1"),
                    FakePluginContext.builder().method("POST").header("Content-Type", "text/plain").body("hello"));

            assertThat(body(ctx)).isEqualTo("hello");
            assertThat(body(run(rule("add", "body", "a:1"), FakePluginContext.builder().body("hello")))).isEqualTo("hello");
        }

        @Test
        void theContentTypeIsReadAfterTheHeaderRules() {
            FakePluginContext ctx = run(rules(rule("replace", "headers", "Content-Type:application/json"),
                            rule("add", "body", "a:1")),
                    FakePluginContext.builder().method("POST").header("Content-Type", "text/plain").body("{}"));

            assertThat(body(ctx)).isEqualTo("{\"a\":\"1\"}");
        }
    }

    @Test
    void replacesTheUpstreamPathKeepingTheQuery() {
        FakePluginContext ctx = run(Map.of("replace", Map.of("uri", "/v2/chat")),
                FakePluginContext.builder().path("/v1/chat").rawQuery("a=1"));

        assertThat(ctx.upstreamRequest().path()).isEqualTo("/v2/chat");
        assertThat(ctx.upstreamRequest().rawQuery()).isEqualTo("a=1");
    }

    @Test
    void withoutRulesNothingChanges() {
        FakePluginContext ctx = run(Map.of(), FakePluginContext.builder().header("X-A", "1").rawQuery("q=1").path("/p"));

        assertThat(ctx.upstreamHeaders()).containsOnly(Map.entry("x-a", List.of("1")));
        assertThat(ctx.upstreamRequest().rawQuery()).isEqualTo("q=1");
        assertThat(ctx.upstreamRequest().path()).isEqualTo("/p");
        assertThat(ctx.logLines()).isEmpty();
    }

    @Test
    void printsItsRules() {
        assertThat(plugin(rules(rule("add", "headers", "X-A:1"), rule("remove", "body", "b"))).toString())
                .isEqualTo("request-transformer{headers=Rules[remove=[], rename=[], replace=[], add=[X-A:1], append=[]], "
                        + "querystring=Rules[remove=[], rename=[], replace=[], add=[], append=[]], "
                        + "body=Rules[remove=[b], rename=[], replace=[], add=[], append=[]]}");
    }
}
