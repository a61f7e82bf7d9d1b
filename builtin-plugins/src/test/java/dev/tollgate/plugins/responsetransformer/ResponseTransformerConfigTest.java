package dev.tollgate.plugins.responsetransformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.tollgate.commons.json.JsonNumber;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.SchemaViolationException;

class ResponseTransformerConfigTest {
    private final ResponseTransformerPluginFactory factory = new ResponseTransformerPluginFactory();

    private static ResponseTransformerConfig config(Map<String, ?> input) {
        return ResponseTransformerConfig.from(ResponseTransformerConfig.SCHEMA.validate(input));
    }

    private static Map<String, String> errors(Map<String, ?> input) {
        try {
            ResponseTransformerConfig.SCHEMA.validate(input);
        } catch (SchemaViolationException e) {
            return e.errors();
        }
        throw new AssertionError("accepted: " + input);
    }

    @Test
    void factoryIsKongsResponseTransformer() {
        assertThat(factory.name()).isEqualTo("response-transformer");
        assertThat(factory.priority()).isEqualTo(800);
        assertThat(factory.version()).isEqualTo("1.0.0");
        assertThat(factory.phases()).isEqualTo(Set.of(Phase.HEADER_FILTER, Phase.BODY_FILTER));
        assertThat(factory.configSchema()).isSameAs(ResponseTransformerConfig.SCHEMA);
    }

    @Test
    void fieldsAreKongsAndDescribed() {
        ConfigSchema schema = ResponseTransformerConfig.SCHEMA;
        assertThat(schema.fields()).extracting(Field::name).containsExactly("remove", "rename", "replace", "add", "append");
        for (String op : List.of("remove", "rename")) {
            assertThat(schema.field(op).flatMap(Field::record).orElseThrow().fields()).extracting(Field::name)
                    .containsExactly("json", "headers");
        }
        for (String op : List.of("replace", "add", "append")) {
            assertThat(schema.field(op).flatMap(Field::record).orElseThrow().fields()).extracting(Field::name)
                    .containsExactly("json", "json_types", "headers");
        }
        for (Field op : schema.fields()) {
            assertThat(op.description()).isNotBlank();
            assertThat(op.record().orElseThrow().fields()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
        }
    }

    @Test
    void defaultsAreNoRules() {
        ResponseTransformerConfig config = config(Map.of());

        assertThat(config.headers().isEmpty()).isTrue();
        assertThat(config.json().isEmpty()).isTrue();
    }

    @Test
    void mapsEveryField() {
        ResponseTransformerConfig config = config(Map.of(
                "remove", Map.of("headers", List.of("Server"), "json", List.of("internal")),
                "rename", Map.of("headers", List.of("X-A:X-B"), "json", List.of("a:b")),
                "replace", Map.of("headers", List.of("X-C:1"), "json", List.of("c:2"), "json_types", List.of("number")),
                "add", Map.of("headers", List.of("X-D:3"), "json", List.of("d:true", "e:x"), "json_types", List.of("boolean")),
                "append", Map.of("headers", List.of("X-E:4"), "json", List.of("f:5"))));

        assertThat(config.headers()).isEqualTo(new HeaderRules(List.of("Server"), List.of(new NameValue("X-A", "X-B")),
                List.of(new NameValue("X-C", "1")), List.of(new NameValue("X-D", "3")), List.of(new NameValue("X-E", "4"))));
        assertThat(config.json()).isEqualTo(new JsonRules(List.of("internal"), List.of(new NameValue("a", "b")),
                List.of(new JsonRules.Member("c", new JsonNumber("2"))),
                List.of(new JsonRules.Member("d", true), new JsonRules.Member("e", "x")),
                List.of(new JsonRules.Member("f", "5"))));
    }

    @Test
    void entriesAreSplitAsKongSplitsThem() {
        assertThat(NameValue.parse("Link:<https://a.test>; rel=next")).isEqualTo(new NameValue("Link", "<https://a.test>; rel=next"));
        assertThat(NameValue.parse("a::b")).isEqualTo(new NameValue("a", "b"));
        assertThat(config(Map.of("add", Map.of("json", List.of("empty:")))).json().add()).isEmpty();
    }

    @Test
    void rejectsValuesTheirTypeCannotHold() {
        assertThat(errors(Map.of("add", Map.of("json", List.of("n:one"), "json_types", List.of("number")))))
                .containsEntry("@entity", "config.add.json: 'n:one' (expected: a number value, as json_types says)");
        assertThat(errors(Map.of("replace", Map.of("json", List.of("b:yes"), "json_types", List.of("boolean")))).get("@entity"))
                .contains("true or false");
        assertThat(errors(Map.of("append", Map.of("json", List.of("a:1"), "json_types", List.of("string", "number")))).get("@entity"))
                .contains("config.append.json_types: 2 types for 1 json entries");
        assertThat(errors(Map.of("add", Map.of("json_types", List.of("integer"))))).containsKey("add.json_types");
    }

    @Test
    void rejectsMalformedEntriesAndUnknownFields() {
        assertThat(errors(Map.of("add", Map.of("headers", List.of("X-A"))))).containsKey("add.headers");
        assertThat(errors(Map.of("add", Map.of("headers", List.of("X-A:a\nb"))))).containsKey("add.headers");
        assertThat(errors(Map.of("rename", Map.of("json", List.of("a"))))).containsKey("rename.json");
        assertThat(errors(Map.of("remove", Map.of("headers", List.of("bad name"))))).containsKey("remove.headers");
        assertThat(errors(Map.of("remove", Map.of("body", List.of("a"))))).containsEntry("remove.body", "unknown field");
    }
}
