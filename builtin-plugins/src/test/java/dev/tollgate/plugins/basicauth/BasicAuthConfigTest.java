package dev.tollgate.plugins.basicauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.SchemaViolationException;

class BasicAuthConfigTest {

    private static BasicAuthConfig config(Map<String, ?> input) {
        return BasicAuthConfig.from(BasicAuthConfig.SCHEMA.validate(input));
    }

    private static Map<String, String> errors(Map<String, ?> input) {
        try {
            BasicAuthConfig.SCHEMA.validate(input);
        } catch (SchemaViolationException e) {
            return e.errors();
        }
        throw new AssertionError("accepted: " + input);
    }

    @Test
    void defaultsAreKongs() {
        assertThat(config(Map.of())).isEqualTo(new BasicAuthConfig(false, Optional.empty(), "service"));
        assertThat(config(Map.of()).challenge()).isEqualTo("Basic realm=\"service\"");
    }

    @Test
    void mapsEveryField() {
        BasicAuthConfig config = config(Map.of("anonymous", "guest", "hide_credentials", "true", "realm", "my api"));

        assertThat(config).isEqualTo(new BasicAuthConfig(true, Optional.of("guest"), "my api"));
        assertThat(config.challenge()).isEqualTo("Basic realm=\"my api\"");
    }

    @Test
    void everyFieldIsDescribed() {
        assertThat(BasicAuthConfig.SCHEMA.fields()).extracting(Field::name)
                .containsExactly("anonymous", "hide_credentials", "realm");
        assertThat(BasicAuthConfig.SCHEMA.fields()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
    }

    @Test
    void rejectsUnknownFieldsWrongTypesAndBadValues() {
        assertThat(errors(Map.of("run_on_preflight", true))).containsEntry("run_on_preflight", "unknown field");
        assertThat(errors(Map.of("hide_credentials", "yes", "anonymous", List.of(), "realm", 3)))
                .containsOnlyKeys("hide_credentials", "anonymous", "realm");
        assertThat(errors(Map.of("anonymous", " "))).containsKey("anonymous");
        assertThat(errors(Map.of("realm", "say \"hi\""))).containsKey("realm");
        assertThat(errors(Map.of("realm", ""))).containsKey("realm");
    }

    @Test
    void constructorAppliesTheDefaultRealm() {
        assertThat(new BasicAuthConfig(false, Optional.empty(), null).realm()).isEqualTo("service");
    }
}
