package dev.tollgate.plugins.keyauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.SchemaViolationException;

class KeyAuthConfigTest {

    private static KeyAuthConfig config(Map<String, ?> input) {
        return KeyAuthConfig.from(KeyAuthConfig.SCHEMA.validate(input));
    }

    private static Map<String, String> errors(Map<String, ?> input) {
        try {
            KeyAuthConfig.SCHEMA.validate(input);
        } catch (SchemaViolationException e) {
            return e.errors();
        }
        throw new AssertionError("accepted: " + input);
    }

    @Test
    void defaultsAreKongs() {
        assertThat(config(Map.of())).isEqualTo(new KeyAuthConfig(
                List.of("apikey"), true, true, false, false, Optional.empty(), true, "tollgate"));
    }

    @Test
    void mapsEveryField() {
        KeyAuthConfig config = config(Map.of(
                "key_names", List.of("x-api-key", "token"),
                "key_in_header", false,
                "key_in_query", false,
                "key_in_body", true,
                "hide_credentials", true,
                "anonymous", "guest",
                "run_on_preflight", false,
                "realm", "my api"));

        assertThat(config).isEqualTo(new KeyAuthConfig(
                List.of("x-api-key", "token"), false, false, true, true, Optional.of("guest"), false, "my api"));
        assertThat(config.challenge()).isEqualTo("Key realm=\"my api\"");
    }

    @Test
    void acceptsFormStyleValues() {
        KeyAuthConfig config = config(Map.of("key_names", "x-api-key", "key_in_body", "true", "key_in_query", "false"));

        assertThat(config.keyNames()).containsExactly("x-api-key");
        assertThat(config.keyInBody()).isTrue();
        assertThat(config.keyInQuery()).isFalse();
    }

    @Test
    void everyFieldIsDescribed() {
        assertThat(KeyAuthConfig.SCHEMA.fields()).extracting(Field::name).containsExactly("key_names", "key_in_header",
                "key_in_query", "key_in_body", "hide_credentials", "anonymous", "run_on_preflight", "realm");
        assertThat(KeyAuthConfig.SCHEMA.fields()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
    }

    @Test
    void rejectsUnknownFields() {
        assertThat(errors(Map.of("key_name", List.of("apikey")))).containsEntry("key_name", "unknown field");
    }

    @Test
    void rejectsWrongTypes() {
        Map<String, String> errors = errors(Map.of(
                "key_names", 5, "key_in_header", "yes", "hide_credentials", 1, "anonymous", true, "realm", List.of()));

        assertThat(errors).containsOnlyKeys("key_names", "key_in_header", "hide_credentials", "anonymous", "realm");
        assertThat(errors.get("key_in_header")).contains("expected a boolean");
    }

    @Test
    void rejectsKeyNamesThatAreNotHeaderNames() {
        assertThat(errors(Map.of("key_names", List.of("apikey", "api key")))).containsKey("key_names");
        assertThat(errors(Map.of("key_names", List.of("x:key")))).containsKey("key_names");
        assertThat(errors(Map.of("key_names", List.of("")))).containsKey("key_names");
        assertThat(errors(Map.of("key_names", List.of())).get("key_names")).contains("one or more header names");
    }

    @Test
    void rejectsBlankAnonymousAndRealmsThatBreakTheChallenge() {
        assertThat(errors(Map.of("anonymous", " "))).containsKey("anonymous");
        assertThat(errors(Map.of("realm", "say \"hi\""))).containsKey("realm");
        assertThat(errors(Map.of("realm", "line\nbreak"))).containsKey("realm");
    }

    @Test
    void constructorAppliesTheDefaultRealmAndNeedsAKeyName() {
        assertThat(new KeyAuthConfig(List.of("apikey"), true, true, false, false, Optional.empty(), true, null).realm())
                .isEqualTo("tollgate");
        assertThatThrownBy(() -> new KeyAuthConfig(List.of(), true, true, false, false, Optional.empty(), true, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyNames");
    }
}
