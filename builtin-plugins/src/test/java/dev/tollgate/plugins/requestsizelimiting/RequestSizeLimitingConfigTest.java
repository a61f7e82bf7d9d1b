package dev.tollgate.plugins.requestsizelimiting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.SchemaViolationException;

class RequestSizeLimitingConfigTest {
    private final RequestSizeLimitingPluginFactory factory = new RequestSizeLimitingPluginFactory();

    private static RequestSizeLimitingConfig config(Map<String, ?> input) {
        return RequestSizeLimitingConfig.from(RequestSizeLimitingConfig.SCHEMA.validate(input));
    }

    private static Map<String, String> errors(Map<String, ?> input) {
        try {
            RequestSizeLimitingConfig.SCHEMA.validate(input);
        } catch (SchemaViolationException e) {
            return e.errors();
        }
        throw new AssertionError("accepted: " + input);
    }

    @Test
    void factoryIsKongsRequestSizeLimiting() {
        assertThat(factory.name()).isEqualTo("request-size-limiting");
        assertThat(factory.priority()).isEqualTo(951);
        assertThat(factory.version()).isEqualTo("1.0.0");
        assertThat(factory.phases()).containsExactly(Phase.ACCESS);
        assertThat(factory.configSchema()).isSameAs(RequestSizeLimitingConfig.SCHEMA);
    }

    @Test
    void everyFieldIsDescribed() {
        assertThat(RequestSizeLimitingConfig.SCHEMA.fields()).extracting(Field::name)
                .containsExactly("allowed_payload_size", "size_unit", "require_content_length");
        assertThat(RequestSizeLimitingConfig.SCHEMA.fields()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
    }

    @Test
    void defaultsAreKongs() {
        RequestSizeLimitingConfig config = config(Map.of());

        assertThat(config).isEqualTo(new RequestSizeLimitingConfig(128, SizeUnit.MEGABYTES, false));
        assertThat(config.allowedBytes()).isEqualTo(128L * 1024 * 1024);
    }

    @Test
    void mapsEveryField() {
        assertThat(config(Map.of("allowed_payload_size", 4, "size_unit", "kilobytes", "require_content_length", true)))
                .isEqualTo(new RequestSizeLimitingConfig(4, SizeUnit.KILOBYTES, true));
        assertThat(config(Map.of("allowed_payload_size", "100", "size_unit", "bytes", "require_content_length", "true"))
                .allowedBytes()).isEqualTo(100);
    }

    @Test
    void rejectsBadValues() {
        assertThat(errors(Map.of("allowed_payload_size", -1))).containsKey("allowed_payload_size");
        assertThat(errors(Map.of("allowed_payload_size", 1.5))).containsKey("allowed_payload_size");
        assertThat(errors(Map.of("size_unit", "gigabytes")).get("size_unit"))
                .isEqualTo("expected one of: bytes, kilobytes, megabytes (got 'gigabytes')");
        assertThat(errors(Map.of("require_content_length", "yes"))).containsKey("require_content_length");
        assertThat(errors(Map.of("allowed_payload", 5))).containsEntry("allowed_payload", "unknown field");
        assertThatThrownBy(() -> new RequestSizeLimitingConfig(-5, SizeUnit.BYTES, false))
                .hasMessageStartingWith("config.allowed_payload_size: -5");
    }
}
