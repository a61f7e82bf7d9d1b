package dev.tollgate.plugins.requesttransformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.tollgate.plugins.requesttransformer.Rules.Entry;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.SchemaViolationException;

class RequestTransformerConfigTest {
    private final RequestTransformerPluginFactory factory = new RequestTransformerPluginFactory();

    private static RequestTransformerConfig config(Map<String, ?> input) {
        return RequestTransformerConfig.from(RequestTransformerConfig.SCHEMA.validate(input));
    }

    private static Map<String, String> errors(Map<String, ?> input) {
        try {
            RequestTransformerConfig.SCHEMA.validate(input);
        } catch (SchemaViolationException e) {
            return e.errors();
        }
        throw new AssertionError("accepted: " + input);
    }

    @Test
    void factoryIsKongsRequestTransformer() {
        assertThat(factory.name()).isEqualTo("request-transformer");
        assertThat(factory.priority()).isEqualTo(801);
        assertThat(factory.version()).isEqualTo("1.0.0");
        assertThat(factory.phases()).containsExactly(Phase.ACCESS);
        assertThat(factory.configSchema()).isSameAs(RequestTransformerConfig.SCHEMA);
    }

    @Test
    void fieldsAreKongsAndDescribed() {
        ConfigSchema schema = RequestTransformerConfig.SCHEMA;
        assertThat(schema.fields()).extracting(Field::name)
                .containsExactly("http_method", "remove", "rename", "replace", "add", "append");
        assertThat(schema.field("http_method").orElseThrow().description()).isNotBlank();
        for (Field operation : schema.fields().subList(1, schema.fields().size())) {
            ConfigSchema parts = operation.record().orElseThrow();
            assertThat(parts.fields()).extracting(Field::name).startsWith("body", "headers", "querystring");
            assertThat(parts.fields()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
            assertThat(operation.description()).isNotBlank();
        }
        assertThat(schema.field("replace").flatMap(Field::record).orElseThrow().field("uri")).isPresent();
    }

    @Test
    void defaultsAreNoRules() {
        assertThat(config(Map.of())).isEqualTo(new RequestTransformerConfig(Rules.NONE, Rules.NONE, Rules.NONE, Optional.empty(), Optional.empty()));
    }

    @Test
    void mapsEveryFieldByPartOfTheRequest() {
        RequestTransformerConfig config = config(Map.of(
                "remove", Map.of("headers", List.of("X-A"), "querystring", List.of("q"), "body", List.of("b")),
                "rename", Map.of("headers", List.of("X-B:X-C"), "querystring", List.of("q1:q2"), "body", List.of("b1:b2")),
                "replace", Map.of("headers", List.of("X-D:1"), "querystring", List.of("q3:2"), "body", List.of("b3:3"),
                        "uri", "/new"),
                "add", Map.of("headers", List.of("X-E:4"), "querystring", List.of("q4:5"), "body", List.of("b4:6")),
                "append", Map.of("headers", List.of("X-F:7"), "querystring", List.of("q5:8"), "body", List.of("b5:9"))));

        assertThat(config.headers()).isEqualTo(new Rules(List.of("X-A"), List.of(new Entry("X-B", "X-C")),
                List.of(new Entry("X-D", "1")), List.of(new Entry("X-E", "4")), List.of(new Entry("X-F", "7"))));
        assertThat(config.querystring()).isEqualTo(new Rules(List.of("q"), List.of(new Entry("q1", "q2")),
                List.of(new Entry("q3", "2")), List.of(new Entry("q4", "5")), List.of(new Entry("q5", "8"))));
        assertThat(config.body()).isEqualTo(new Rules(List.of("b"), List.of(new Entry("b1", "b2")),
                List.of(new Entry("b3", "3")), List.of(new Entry("b4", "6")), List.of(new Entry("b5", "9"))));
        assertThat(config.replaceUri()).contains("/new");
    }

    @Test
    void entriesAreSplitAsKongSplitsThem() {
        assertThat(Entry.parse("a:b:c")).isEqualTo(new Entry("a", "b:c"));
        assertThat(Entry.parse("a::b")).isEqualTo(new Entry("a", "b"));
        assertThat(Entry.parse("a")).isEqualTo(new Entry("a", ""));
        // Remove entries are names; an entry without a value does nothing, as in Kong.
        RequestTransformerConfig config = config(Map.of("remove", Map.of("body", List.of("x:ignored")),
                "add", Map.of("body", List.of("empty:"))));
        assertThat(config.body().remove()).containsExactly("x");
        assertThat(config.body().add()).isEmpty();
    }

    @Test
    void rejectsEntriesWithoutNameOrValueSeparator() {
        assertThat(errors(Map.of("add", Map.of("headers", List.of("X-A"))))).containsKey("add.headers");
        assertThat(errors(Map.of("add", Map.of("body", List.of(":v"))))).containsKey("add.body");
        assertThat(errors(Map.of("rename", Map.of("querystring", List.of("a:"))))).containsKey("rename.querystring");
        assertThat(errors(Map.of("replace", Map.of("querystring", List.of("novalue"))))).containsKey("replace.querystring");
        assertThat(errors(Map.of("remove", Map.of("body", List.of(""))))).containsKey("remove.body");
    }

    @Test
    void rejectsBadHeaderNamesAndValues() {
        assertThat(errors(Map.of("remove", Map.of("headers", List.of("bad header"))))).containsKey("remove.headers");
        assertThat(errors(Map.of("rename", Map.of("headers", List.of("X-A:bad name"))))).containsKey("rename.headers");
        assertThat(errors(Map.of("append", Map.of("headers", List.of("X-A:line\r\nInjected: 1")))).get("append.headers"))
                .contains("without control characters");
    }

    @Test
    void rejectsTemplatesItCannotRender() {
        assertThat(errors(Map.of("add", Map.of("headers", List.of("X-Id:$(headers.x_id)")))).get("add.headers"))
                .contains("templates like $(...) are not supported");
        assertThat(errors(Map.of("replace", Map.of("body", List.of("a:$(query_params.a)"))))).containsKey("replace.body");
    }

    @Test
    void rejectsAUriThatIsNoPathAndUnknownFields() {
        assertThat(errors(Map.of("replace", Map.of("uri", "v2/chat")))).containsKey("replace.uri");
        assertThat(errors(Map.of("http_method", "post"))).containsKey("http_method");
        assertThat(config(Map.of("http_method", "POST")).httpMethod()).contains("POST");
        assertThat(errors(Map.of("add", Map.of("json", List.of("a:1"))))).containsEntry("add.json", "unknown field");
        assertThatThrownBy(() -> new RequestTransformerConfig(Rules.NONE, Rules.NONE, Rules.NONE, Optional.of("x"), Optional.empty()))
                .hasMessageContaining("config.replace.uri");
    }
}
