package dev.tollgate.plugins.cors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.SchemaViolationException;

class CorsConfigTest {
    private final CorsPluginFactory factory = new CorsPluginFactory();

    private static CorsConfig config(Map<String, ?> input) {
        return CorsConfig.from(CorsConfig.SCHEMA.validate(input));
    }

    private static Map<String, String> errors(Map<String, ?> input) {
        try {
            CorsConfig.SCHEMA.validate(input);
        } catch (SchemaViolationException e) {
            return e.errors();
        }
        throw new AssertionError("accepted: " + input);
    }

    @Test
    void factoryIsKongsCors() {
        assertThat(factory.name()).isEqualTo("cors");
        assertThat(factory.priority()).isEqualTo(2000);
        assertThat(factory.version()).isEqualTo("1.0.0");
        assertThat(factory.phases()).isEqualTo(Set.of(Phase.ACCESS, Phase.HEADER_FILTER));
        assertThat(factory.configSchema()).isSameAs(CorsConfig.SCHEMA);
    }

    @Test
    void everyFieldIsDescribed() {
        assertThat(CorsConfig.SCHEMA.fields()).extracting(Field::name).containsExactly("origins", "methods", "headers",
                "exposed_headers", "credentials", "max_age", "private_network", "preflight_continue", "allow_origin_absent");
        assertThat(CorsConfig.SCHEMA.fields()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
    }

    @Test
    void defaultsAreKongs() {
        assertThat(config(Map.of())).isEqualTo(new CorsConfig(List.of(),
                List.of("GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS", "TRACE", "CONNECT"),
                List.of(), List.of(), false, Optional.empty(), false, false, true));
    }

    @Test
    void mapsEveryField() {
        CorsConfig config = config(Map.of("origins", List.of("https://a.test", "https://.*\\.b\\.test"),
                "methods", List.of("GET"), "headers", List.of("X-Api-Key"), "exposed_headers", List.of("X-Id"),
                "credentials", true, "max_age", 600, "private_network", true, "preflight_continue", true,
                "allow_origin_absent", false));

        assertThat(config).isEqualTo(new CorsConfig(List.of("https://a.test", "https://.*\\.b\\.test"), List.of("GET"),
                List.of("X-Api-Key"), List.of("X-Id"), true, Optional.of(600L), true, true, false));
    }

    @Test
    void rejectsBadValues() {
        assertThat(errors(Map.of("origins", List.of("https://(unclosed")))).containsKey("origins");
        assertThat(errors(Map.of("origins", List.of("")))).containsKey("origins");
        assertThat(errors(Map.of("methods", List.of("GET", "FETCH"))).get("methods")).contains("expected one of");
        assertThat(errors(Map.of("headers", List.of("bad header")))).containsKey("headers");
        assertThat(errors(Map.of("exposed_headers", List.of("x:y")))).containsKey("exposed_headers");
        assertThat(errors(Map.of("max_age", -1))).containsKey("max_age");
        assertThat(errors(Map.of("credentials", "yes"))).containsKey("credentials");
        assertThat(errors(Map.of("origin", "*"))).containsEntry("origin", "unknown field");
    }
}
