package dev.tollgate.plugins.keyauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.tollgate.sdk.CredentialType;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.SchemaViolationException;

class KeyAuthPluginFactoryTest {
    private final KeyAuthPluginFactory factory = new KeyAuthPluginFactory();

    @Test
    void describesThePlugin() {
        assertThat(factory.name()).isEqualTo("key-auth");
        assertThat(factory.priority()).isEqualTo(1250);
        assertThat(factory.version()).isEqualTo("1.0.0");
        assertThat(factory.phases()).containsExactly(Phase.ACCESS);
        assertThat(factory.configSchema()).isSameAs(KeyAuthConfig.SCHEMA);
        assertThat(factory.create(factory.configSchema().validate(Map.of())).toString())
                .startsWith("key-auth").contains("apikey");
    }

    @Test
    void declaresKeyAuthCredentialsWithVisibleKeys() {
        CredentialType type = factory.credentialType().orElseThrow();

        assertThat(type.kind()).isEqualTo("key-auth");
        assertThat(type.keyField()).isEqualTo("key");
        assertThat(type.secretFields()).isEmpty();
        assertThat(type.schema().fields()).extracting(Field::name).containsExactly("key", "ttl", "tags");
        assertThat(type.schema().fields()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
    }

    @Test
    void generatesA32HexKeyPerCredential() {
        var generator = factory.credentialType().orElseThrow().keyGenerator();
        List<String> keys = IntStream.range(0, 100).mapToObj(i -> generator.get()).toList();

        assertThat(keys).allMatch(k -> k.matches("[0-9a-f]{32}"));
        assertThat(keys).doesNotHaveDuplicates();
    }

    @Test
    void validatesCredentials() {
        var schema = factory.credentialType().orElseThrow().schema();

        var credential = schema.validate(Map.of("key", "k1", "ttl", "60", "tags", List.of("team-a")));
        assertThat(credential.string("key")).contains("k1");
        assertThat(credential.integer("ttl")).contains(60L);
        assertThat(credential.strings("tags")).containsExactly("team-a");
        // Absent key: the gateway generates one; absent ttl: the credential never expires.
        assertThat(schema.validate(Map.of()).asMap()).containsEntry("key", null).containsEntry("ttl", null);

        assertThatThrownBy(() -> schema.validate(Map.of("ttl", -1)))
                .isInstanceOfSatisfying(SchemaViolationException.class, e -> assertThat(e.errors()).containsKey("ttl"));
        assertThatThrownBy(() -> schema.validate(Map.of("key", "")))
                .isInstanceOfSatisfying(SchemaViolationException.class, e -> assertThat(e.errors()).containsKey("key"));
        assertThatThrownBy(() -> schema.validate(Map.of("secret", "x")))
                .isInstanceOfSatisfying(SchemaViolationException.class, e -> assertThat(e.errors()).containsKey("secret"));
    }
}
