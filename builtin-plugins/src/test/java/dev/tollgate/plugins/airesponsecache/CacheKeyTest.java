package dev.tollgate.plugins.airesponsecache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class CacheKeyTest {
    private static final CacheKey.Scope ROUTE = new CacheKey.Scope("route-1", Optional.empty(), Map.of());
    private static final String BASE = """
            {"model":"gpt-4o","temperature":0.7,"messages":[{"role":"system","content":"Be brief."},
             {"role":"user","content":"Hello"}],"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{}}}}]}""";

    private static String key(String body) {
        return key(body, ROUTE);
    }

    private static String key(String body, CacheKey.Scope scope) {
        return CacheKey.of(body.getBytes(StandardCharsets.UTF_8), scope).orElseThrow();
    }

    @Test
    void reorderedKeysAndWhitespaceMakeTheSameKey() {
        String reordered = """
                {  "tools" : [ {"function":{"parameters":{"properties":{},"type":"object"},"name":"f"},"type":"function"} ],
                   "messages":[{"content":"Be brief.","role":"system"},{"content":"Hello","role":"user"}],
                   "temperature":0.70, "model":"gpt-4o" }""";
        assertThat(key(reordered)).isEqualTo(key(BASE)).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void numbersAreComparedByValue() {
        assertThat(key("{\"messages\":[],\"temperature\":1}")).isEqualTo(key("{\"messages\":[],\"temperature\":1.0}"))
                .isEqualTo(key("{\"messages\":[],\"temperature\":1e0}"));
        assertThat(key("{\"messages\":[],\"max_tokens\":100}")).isEqualTo(key("{\"messages\":[],\"max_tokens\":1E2}"));
        assertThat(key("{\"messages\":[],\"temperature\":0.5}")).isNotEqualTo(key("{\"messages\":[],\"temperature\":0.50001}"));
    }

    @Test
    void everyAnswerAffectingFieldChangesTheKey() {
        String base = key(BASE);
        assertThat(key(BASE.replace("0.7", "0.8"))).as("temperature").isNotEqualTo(base);
        assertThat(key(BASE.replace("gpt-4o", "gpt-4o-mini"))).as("model").isNotEqualTo(base);
        assertThat(key(BASE.replace("\"Hello\"", "\"Hello \""))).as("content text is exact").isNotEqualTo(base);
        assertThat(key(BASE.replace("\"Hello\"", "\"hello\""))).as("case").isNotEqualTo(base);
        assertThat(key(BASE.replace("\"system\"", "\"developer\""))).as("role").isNotEqualTo(base);
        assertThat(key(BASE.replace("\"name\":\"f\"", "\"name\":\"g\""))).as("tools").isNotEqualTo(base);
        for (String extra : List.of("\"top_p\":0.9", "\"max_tokens\":5", "\"seed\":1", "\"n\":2", "\"stop\":[\"x\"]",
                "\"tool_choice\":\"none\"", "\"response_format\":{\"type\":\"json_object\"}", "\"some_new_param\":true")) {
            assertThat(key(BASE.replace("{\"model\"", "{" + extra + ",\"model\""))).as(extra).isNotEqualTo(base);
        }
    }

    @Test
    void messageOrderMatters() {
        assertThat(key("{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"user\",\"content\":\"b\"}]}"))
                .isNotEqualTo(key("{\"messages\":[{\"role\":\"user\",\"content\":\"b\"},{\"role\":\"user\",\"content\":\"a\"}]}"));
    }

    @Test
    void whoAsksIsNotPartOfTheAnswer() {
        assertThat(key(BASE.replace("{\"model\"", "{\"user\":\"alice\",\"metadata\":{\"a\":\"b\"},\"store\":true,\"model\""))).isEqualTo(key(BASE));
    }

    @Test
    void streamedAndWholeAnswersAreSeparateEntries() {
        String noStream = key(BASE);
        assertThat(key(BASE.replace("{\"model\"", "{\"stream\":false,\"model\""))).isEqualTo(noStream);
        assertThat(key(BASE.replace("{\"model\"", "{\"stream\":false,\"stream_options\":{\"include_usage\":true},\"model\"")))
                .as("stream_options only count for streams").isEqualTo(noStream);
        String stream = key(BASE.replace("{\"model\"", "{\"stream\":true,\"model\""));
        assertThat(stream).isNotEqualTo(noStream);
        assertThat(key(BASE.replace("{\"model\"", "{\"stream\":true,\"stream_options\":{\"include_usage\":true},\"model\"")))
                .as("a usage chunk changes a stream").isNotEqualTo(stream);
    }

    @Test
    void theScopeSeparatesRoutesConsumersAndVaryHeaders() {
        String base = key(BASE);
        assertThat(key(BASE, new CacheKey.Scope("route-2", Optional.empty(), Map.of()))).isNotEqualTo(base);
        assertThat(key(BASE, new CacheKey.Scope("route-1", Optional.of("consumer:c1"), Map.of()))).isNotEqualTo(base)
                .isNotEqualTo(key(BASE, new CacheKey.Scope("route-1", Optional.of("consumer:c2"), Map.of())));
        assertThat(key(BASE, new CacheKey.Scope("route-1", Optional.empty(), Map.of("x-tenant", List.of("a")))))
                .isNotEqualTo(key(BASE, new CacheKey.Scope("route-1", Optional.empty(), Map.of("x-tenant", List.of("b")))))
                .isNotEqualTo(key(BASE, new CacheKey.Scope("route-1", Optional.empty(), Map.of("x-tenant", List.of()))));
    }

    @Test
    void aBodyThatIsNoJsonObjectHasNoKey() {
        for (String body : List.of("", "not json", "[1,2]", "\"text\"", "{\"messages\": [")) {
            assertThat(CacheKey.of(body.getBytes(StandardCharsets.UTF_8), ROUTE)).as(body).isEmpty();
        }
    }

    @Test
    void hostileNumbersAndDeepBodiesDoNotBreakIt() {
        assertThat(key("{\"messages\":[],\"temperature\":1e999999}")).isNotEqualTo(key("{\"messages\":[],\"temperature\":1}"));
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertThat(CacheKey.of(("{\"messages\":" + deep + "}").getBytes(StandardCharsets.UTF_8), ROUTE)).isEmpty();
    }
}
