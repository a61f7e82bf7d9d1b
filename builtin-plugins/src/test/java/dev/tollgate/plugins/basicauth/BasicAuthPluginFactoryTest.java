package dev.tollgate.plugins.basicauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tollgate.sdk.CredentialType;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.SchemaViolationException;

class BasicAuthPluginFactoryTest {
    private final BasicAuthPluginFactory factory = new BasicAuthPluginFactory();

    @Test
    void describesThePlugin() {
        assertThat(factory.name()).isEqualTo("basic-auth");
        assertThat(factory.priority()).isEqualTo(1100);
        assertThat(factory.version()).isEqualTo("1.0.0");
        assertThat(factory.phases()).containsExactly(Phase.ACCESS);
        assertThat(factory.configSchema()).isSameAs(BasicAuthConfig.SCHEMA);
        assertThat(factory.create(factory.configSchema().validate(Map.of())).toString()).startsWith("basic-auth");
    }

    @Test
    void declaresCredentialsFoundByUsernameWithASecretPassword() {
        CredentialType type = factory.credentialType().orElseThrow();

        assertThat(type.kind()).isEqualTo("basic-auth");
        assertThat(type.keyField()).isEqualTo("username");
        assertThat(type.keyGenerator()).isNull();
        assertThat(type.secretFields()).containsExactly("password");
        assertThat(type.keyScope()).isEqualTo(CredentialType.KeyScope.GLOBAL);
        assertThat(type.schema().fields()).extracting(Field::name).containsExactly("username", "password", "tags");
        assertThat(type.schema().fields()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
    }

    @Test
    void validatesCredentials() {
        var schema = factory.credentialType().orElseThrow().schema();

        assertThat(schema.validate(Map.of("username", "Aladdin", "password", "x")).string("username")).contains("Aladdin");
        assertThat(errorsOf(() -> schema.validate(Map.of()))).containsKeys("username", "password");
        assertThat(errorsOf(() -> schema.validate(Map.of("username", "a:b", "password", "x")))).containsKey("username");
        assertThat(errorsOf(() -> schema.validate(Map.of("username", " ", "password", "")))).containsKeys("username", "password");
    }

    @Test
    void savingHashesThePasswordWithASaltOfItsOwn() {
        var onSave = factory.credentialType().orElseThrow().onSave();
        Map<String, Object> given = new HashMap<>(Map.of("username", "Aladdin", "password", "OpenSesame",
                "tags", List.of(), "consumer_id", "c-alice"));

        Map<String, Object> first = onSave.apply(given);
        Map<String, Object> second = onSave.apply(given);

        assertThat(first).containsEntry("username", "Aladdin").containsEntry("consumer_id", "c-alice");
        String hash = (String) first.get("password");
        assertThat(hash).startsWith("pbkdf2-sha256$10000$").doesNotContain("OpenSesame");
        assertThat(second.get("password")).isNotEqualTo(hash);
        assertThat(PasswordHash.matches("OpenSesame", hash)).isTrue();
        assertThat(PasswordHash.matches("OpenSesamE", hash)).isFalse();
        assertThat(PasswordHash.matches("", hash)).isFalse();
        // A password carried over from the stored credential is not handed to onSave.
        assertThat(onSave.apply(Map.of("username", "Aladdin"))).isEqualTo(Map.of("username", "Aladdin"));
    }

    @Test
    void readsOnlyWellFormedHashes() {
        String good = PasswordHash.hash("pw");
        assertThat(PasswordHash.parse(good)).isPresent();
        for (String bad : List.of("", "pw", "sha1$1$AAAA$AAAA", "pbkdf2-sha256$0$AAAAAAAA$" + "A".repeat(43),
                "pbkdf2-sha256$99999999$AAAAAAAA$" + "A".repeat(43), "pbkdf2-sha256$10$$" + "A".repeat(43),
                "pbkdf2-sha256$10$AAAA$AAAA", "pbkdf2-sha256$10$!!$" + "A".repeat(43))) {
            assertThat(PasswordHash.parse(bad)).as(bad).isEmpty();
            assertThat(PasswordHash.matches("pw", bad)).isFalse();
        }
    }

    private static Map<String, String> errorsOf(Runnable validation) {
        try {
            validation.run();
        } catch (SchemaViolationException e) {
            return e.errors();
        }
        throw new AssertionError("accepted");
    }
}
