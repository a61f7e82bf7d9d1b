package dev.tollgate.plugins.correlationid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.SchemaViolationException;

class CorrelationIdConfigTest {
    private final CorrelationIdPluginFactory factory = new CorrelationIdPluginFactory();

    private static CorrelationIdConfig config(Map<String, ?> input) {
        return CorrelationIdConfig.from(CorrelationIdConfig.SCHEMA.validate(input));
    }

    private static Map<String, String> errors(Map<String, ?> input) {
        try {
            CorrelationIdConfig.SCHEMA.validate(input);
        } catch (SchemaViolationException e) {
            return e.errors();
        }
        throw new AssertionError("accepted: " + input);
    }

    @Test
    void factoryIsKongsCorrelationId() {
        assertThat(factory.name()).isEqualTo("correlation-id");
        assertThat(factory.priority()).isEqualTo(1);
        assertThat(factory.version()).isEqualTo("1.0.0");
        assertThat(factory.phases()).isEqualTo(Set.of(Phase.ACCESS, Phase.HEADER_FILTER));
        assertThat(factory.configSchema()).isSameAs(CorrelationIdConfig.SCHEMA);
    }

    @Test
    void everyFieldIsDescribed() {
        assertThat(CorrelationIdConfig.SCHEMA.fields()).extracting(Field::name)
                .containsExactly("header_name", "generator", "echo_downstream");
        assertThat(CorrelationIdConfig.SCHEMA.fields()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
    }

    @Test
    void defaultsAreKongsButTheHeaderIsTollgates() {
        assertThat(config(Map.of())).isEqualTo(new CorrelationIdConfig("Tollgate-Request-ID", Generator.UUID_COUNTER, false));
    }

    @Test
    void mapsEveryField() {
        assertThat(config(Map.of("header_name", "X-Request-Id", "generator", "tracker", "echo_downstream", true)))
                .isEqualTo(new CorrelationIdConfig("X-Request-Id", Generator.TRACKER, true));
        assertThat(config(Map.of("generator", "uuid")).generator()).isEqualTo(Generator.UUID_RANDOM);
    }

    @Test
    void rejectsBadValues() {
        assertThat(errors(Map.of("header_name", "Request ID"))).containsKey("header_name");
        assertThat(errors(Map.of("header_name", ""))).containsKey("header_name");
        assertThat(errors(Map.of("generator", "ulid")).get("generator"))
                .isEqualTo("expected one of: uuid, uuid#counter, tracker (got 'ulid')");
        assertThat(errors(Map.of("echo", true))).containsEntry("echo", "unknown field");
        assertThatThrownBy(() -> Generator.of("ulid")).hasMessageContaining("'ulid'");
    }
}
