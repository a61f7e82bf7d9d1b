package dev.tollgate.plugins.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.tollgate.sdk.CredentialType;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.SchemaViolationException;

class JwtCredentialsTest {
    private final CredentialType type = new JwtPluginFactory().credentialType().orElseThrow();
    private final ConfigSchema schema = type.schema();

    private Map<String, String> errors(Map<String, ?> input) {
        try {
            schema.validate(input);
        } catch (SchemaViolationException e) {
            return e.errors();
        }
        throw new AssertionError("accepted: " + input);
    }

    @Test
    void declaresJwtCredentialsFoundByKey() {
        assertThat(type.kind()).isEqualTo("jwt");
        assertThat(type.keyField()).isEqualTo("key");
        assertThat(type.keyScope()).isEqualTo(CredentialType.KeyScope.GLOBAL);
        assertThat(type.secretFields()).isEmpty();
        assertThat(schema.fields()).extracting(Field::name).containsExactly("key", "algorithm", "secret", "rsa_public_key", "tags");
        assertThat(schema.fields()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
        assertThat(schema.field("algorithm").orElseThrow().oneOf()).containsExactly("HS256", "HS384", "HS512", "RS256",
                "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "EdDSA");
    }

    @Test
    void generatesKeysAndHmacSecrets() {
        List<String> keys = IntStream.range(0, 50).mapToObj(i -> type.keyGenerator().get()).toList();
        assertThat(keys).allMatch(k -> k.matches("[0-9a-f]{32}")).doesNotHaveDuplicates();

        Map<String, Object> hs = new HashMap<>(schema.validate(Map.of("key", "k")).asMap());
        hs.put("consumer_id", "c-alice");
        assertThat(hs).containsEntry("algorithm", "HS256").containsEntry("secret", null);
        assertThat((String) type.onSave().apply(hs).get("secret")).matches("[0-9a-f]{32}");

        Map<String, Object> given = new HashMap<>(schema.validate(Map.of("key", "k", "secret", "mine")).asMap());
        assertThat(type.onSave().apply(given)).containsEntry("secret", "mine");

        Map<String, Object> rs = new HashMap<>(schema.validate(Map.of("key", "k", "algorithm", "RS256",
                "rsa_public_key", Tokens.pem(Tokens.RSA.getPublic()))).asMap());
        assertThat(type.onSave().apply(rs)).containsEntry("secret", null);
    }

    @Test
    void publicKeyAlgorithmsNeedAKeyOfTheirKind() {
        String rsa = Tokens.pem(Tokens.RSA.getPublic());
        String ec = Tokens.pem(Tokens.EC.getPublic());
        String ed = Tokens.pem(Tokens.ED25519.getPublic());

        assertThat(errors(Map.of("algorithm", "RS256"))).containsEntry("@entity", "'rsa_public_key' is required when 'algorithm' is 'RS256'");
        assertThat(errors(Map.of("algorithm", "ES256", "rsa_public_key", rsa)))
                .containsEntry("@entity", "'rsa_public_key' must be an EC public key when 'algorithm' is 'ES256'");
        assertThat(errors(Map.of("algorithm", "EdDSA", "rsa_public_key", ec))).containsKey("@entity");
        assertThat(errors(Map.of("algorithm", "PS256", "rsa_public_key", ed))).containsKey("@entity");
        for (var ok : List.of(Map.of("algorithm", "RS512", "rsa_public_key", rsa), Map.of("algorithm", "ES256", "rsa_public_key", ec),
                Map.of("algorithm", "EdDSA", "rsa_public_key", ed), Map.of("algorithm", "RS256", "rsa_public_key", Tokens.resource("test-cert.pem")),
                Map.of("algorithm", "RS256", "rsa_public_key", Tokens.resource("test-cert-pkcs1.pem")))) {
            assertThat(schema.validate(ok).string("rsa_public_key")).isPresent();
        }
    }

    @Test
    void rejectsBadValues() {
        assertThat(errors(Map.of("algorithm", "none"))).containsKey("algorithm");
        assertThat(errors(Map.of("algorithm", "hs256"))).containsKey("algorithm");
        assertThat(errors(Map.of("key", " "))).containsKey("key");
        assertThat(errors(Map.of("secret", ""))).containsKey("secret");
        assertThat(errors(Map.of("rsa_public_key", "not a key"))).containsKey("rsa_public_key");
        assertThat(errors(Map.of("rsa_public_key", Tokens.resource("test-cert-key.pem")))).containsKey("rsa_public_key");
        assertThat(errors(Map.of("rsa_public_key", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")))
                .containsKey("rsa_public_key");
        assertThat(errors(Map.of("consumer", "x"))).containsKey("consumer");
    }
}
