package dev.tollgate.plugins.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.SchemaViolationException;

class JwtConfigTest {
    private final JwtPluginFactory factory = new JwtPluginFactory();

    private static JwtConfig config(Map<String, ?> input) {
        return JwtConfig.from(JwtConfig.SCHEMA.validate(input));
    }

    private static Map<String, String> errors(Map<String, ?> input) {
        try {
            JwtConfig.SCHEMA.validate(input);
        } catch (SchemaViolationException e) {
            return e.errors();
        }
        throw new AssertionError("accepted: " + input);
    }

    @Test
    void factoryIsKongsJwt() {
        assertThat(factory.name()).isEqualTo("jwt");
        assertThat(factory.priority()).isEqualTo(1450);
        assertThat(factory.version()).isEqualTo("1.0.0");
        assertThat(factory.phases()).containsExactly(Phase.ACCESS);
        assertThat(factory.configSchema()).isSameAs(JwtConfig.SCHEMA);
        assertThat(factory.create(JwtConfig.SCHEMA.validate(Map.of())).toString()).startsWith("jwt");
    }

    @Test
    void defaultsAreKongs() {
        JwtConfig config = config(Map.of());

        assertThat(config).isEqualTo(new JwtConfig(List.of("jwt"), List.of(), List.of("authorization"), List.of(), "iss",
                false, Optional.empty(), true, 0.0, Optional.empty()));
        assertThat(config.challenge()).isEqualTo("Bearer");
        assertThat(config.invalidTokenChallenge()).isEqualTo("Bearer error=\"invalid_token\"");
    }

    @Test
    void mapsEveryField() {
        JwtConfig config = config(Map.ofEntries(
                Map.entry("uri_param_names", List.of("token", "token")),
                Map.entry("cookie_names", List.of("session")),
                Map.entry("header_names", List.of("x-jwt", "authorization")),
                Map.entry("claims_to_verify", List.of("exp", "nbf")),
                Map.entry("key_claim_name", "kid"),
                Map.entry("secret_is_base64", true),
                Map.entry("anonymous", "guest"),
                Map.entry("run_on_preflight", "false"),
                Map.entry("maximum_expiration", 3600),
                Map.entry("realm", "ai")));

        assertThat(config).isEqualTo(new JwtConfig(List.of("token"), List.of("session"), List.of("x-jwt", "authorization"),
                List.of("exp", "nbf"), "kid", true, Optional.of("guest"), false, 3600.0, Optional.of("ai")));
        assertThat(config.challenge()).isEqualTo("Bearer realm=\"ai\"");
        assertThat(config.invalidTokenChallenge()).isEqualTo("Bearer realm=\"ai\", error=\"invalid_token\"");
    }

    @Test
    void everyFieldIsDescribed() {
        assertThat(JwtConfig.SCHEMA.fields()).extracting(Field::name).containsExactly("uri_param_names", "cookie_names",
                "header_names", "claims_to_verify", "key_claim_name", "secret_is_base64", "anonymous", "run_on_preflight",
                "maximum_expiration", "realm");
        assertThat(JwtConfig.SCHEMA.fields()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
    }

    @Test
    void maximumExpirationNeedsExpAndKongsBounds() {
        assertThat(errors(Map.of("maximum_expiration", 60))).containsEntry("@entity", JwtConfig.MAX_EXPIRATION_NEEDS_EXP);
        assertThat(errors(Map.of("maximum_expiration", 60, "claims_to_verify", List.of("nbf"))))
                .containsEntry("@entity", JwtConfig.MAX_EXPIRATION_NEEDS_EXP);
        assertThat(errors(Map.of("maximum_expiration", -1))).containsKey("maximum_expiration");
        assertThat(errors(Map.of("maximum_expiration", 31_536_001, "claims_to_verify", "exp"))).containsKey("maximum_expiration");
        assertThat(config(Map.of("maximum_expiration", 31_536_000, "claims_to_verify", "exp")).maximumExpiration())
                .isEqualTo(31_536_000.0);
        assertThatThrownBy(() -> new JwtConfig(List.of(), List.of(), List.of(), List.of(), "iss", false, Optional.empty(),
                true, 5, null)).hasMessage(JwtConfig.MAX_EXPIRATION_NEEDS_EXP);
    }

    @Test
    void rejectsBadValues() {
        assertThat(errors(Map.of("claims_to_verify", List.of("exp", "iat")))).containsKey("claims_to_verify");
        assertThat(errors(Map.of("header_names", List.of("x token")))).containsKey("header_names");
        assertThat(errors(Map.of("cookie_names", List.of("a;b")))).containsKey("cookie_names");
        assertThat(errors(Map.of("uri_param_names", List.of("")))).containsKey("uri_param_names");
        assertThat(errors(Map.of("key_claim_name", ""))).containsKey("key_claim_name");
        assertThat(errors(Map.of("anonymous", " "))).containsKey("anonymous");
        assertThat(errors(Map.of("realm", "a\"b"))).containsKey("realm");
        assertThat(errors(Map.of("secret_is_base64", "yes", "hide_credentials", true)))
                .containsOnlyKeys("secret_is_base64", "hide_credentials");
    }
}
