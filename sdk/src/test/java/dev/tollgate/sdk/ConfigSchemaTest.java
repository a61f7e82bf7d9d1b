package dev.tollgate.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.SchemaViolationException;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {
    private final ConfigSchema schema = ConfigSchema.builder()
            .field(Field.integer("minute").min(0).description("per minute"))
            .field(Field.string("policy").oneOf("local", "redis").defaultValue("local").description("where"))
            .field(Field.strings("names").defaultValue(List.of("apikey")).description("names"))
            .field(Field.bool("hide").defaultValue(false).description("hide"))
            .field(Field.record("redis", ConfigSchema.builder()
                    .field(Field.integer("port").defaultValue(6379L).max(65535).description("port")).build())
                    .description("redis"))
            .rule(c -> c.integer("minute").isEmpty() ? Optional.of("set minute") : Optional.empty())
            .build();

    @Test
    void appliesDefaultsAndAcceptsFormStrings() {
        var c = schema.validate(Map.of("minute", "5", "hide", "true", "names", "key"));
        assertThat(c.integer("minute")).contains(5L);
        assertThat(c.bool("hide")).isTrue();
        assertThat(c.strings("names")).containsExactly("key");
        assertThat(c.string("policy")).contains("local");
        assertThat(c.record("redis").integer("port")).contains(6379L);
    }

    @Test
    void namesEveryBadField() {
        assertThatThrownBy(() -> schema.validate(Map.of("minute", -1, "policy", "cluster", "nope", 1,
                "redis", Map.of("port", 70000))))
                .isInstanceOfSatisfying(SchemaViolationException.class, e -> assertThat(e.errors())
                        .containsEntry("minute", "value -1 out of range (expected: 0..)")
                        .containsEntry("nope", "unknown field")
                        .containsEntry("redis.port", "value 70000 out of range (expected: ..65535)")
                        .containsKey("policy"));
        assertThatThrownBy(() -> schema.validate(Map.of()))
                .isInstanceOfSatisfying(SchemaViolationException.class, e -> assertThat(e.errors()).containsEntry("@entity", "set minute"));
        assertThatThrownBy(() -> schema.validate(Map.of("minute", 1.5)))
                .isInstanceOfSatisfying(SchemaViolationException.class, e -> assertThat(e.errors().get("minute")).contains("expected an integer"));
    }

    @Test
    void everyFieldNeedsADescription() {
        assertThatThrownBy(() -> Field.string("x").build()).hasMessageContaining("description missing");
    }

    /** A plugin's configuration record, whose constructor holds a rule over two fields. */
    record Window(long from, long to) {
        Window {
            if (from > to) {
                throw new IllegalArgumentException("'from' must not be after 'to'");
            }
        }
    }

    @Test
    void aSchemaParsedByARecordRefusesWhatTheRecordRefusesInItsWords() {
        ConfigSchema schema = ConfigSchema.builder()
                .field(Field.integer("from").defaultValue(0L).description("Start."))
                .field(Field.integer("to").defaultValue(10L).description("End."))
                .parsedBy(c -> new Window(c.integer("from").orElseThrow(), c.integer("to").orElseThrow()))
                .build();
        assertThat(schema.validate(Map.of("from", 3)).integer("from")).contains(3L);
        assertThatThrownBy(() -> schema.validate(Map.of("from", 30)))
                .isInstanceOfSatisfying(SchemaViolationException.class,
                        e -> assertThat(e.errors()).containsEntry("@entity", "'from' must not be after 'to'"));
    }
}
