package dev.tollgate.plugins.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tollgate.sdk.CredentialType;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.SchemaViolationException;

class AclConfigTest {
    private final AclPluginFactory factory = new AclPluginFactory();

    private static AclConfig config(Map<String, ?> input) {
        return AclConfig.from(AclConfig.SCHEMA.validate(input));
    }

    private static Map<String, String> errors(Map<String, ?> input) {
        try {
            AclConfig.SCHEMA.validate(input);
        } catch (SchemaViolationException e) {
            return e.errors();
        }
        throw new AssertionError("accepted: " + input);
    }

    @Test
    void factoryIsKongsAcl() {
        assertThat(factory.name()).isEqualTo("acl");
        assertThat(factory.priority()).isEqualTo(950);
        assertThat(factory.version()).isEqualTo("1.0.0");
        assertThat(factory.phases()).containsExactly(Phase.ACCESS);
        assertThat(factory.configSchema()).isSameAs(AclConfig.SCHEMA);
        assertThat(factory.create(AclConfig.SCHEMA.validate(Map.of("allow", "a"))).toString()).startsWith("acl");
    }

    @Test
    void mapsAllowOrDeny() {
        assertThat(config(Map.of("allow", List.of("admin", "pro"))))
                .isEqualTo(new AclConfig(AclConfig.Mode.ALLOW, List.of("admin", "pro"), false));
        assertThat(config(Map.of("deny", "banned", "hide_groups_header", "true")))
                .isEqualTo(new AclConfig(AclConfig.Mode.DENY, List.of("banned"), true));
    }

    @Test
    void everyFieldIsDescribed() {
        assertThat(AclConfig.SCHEMA.fields()).extracting(Field::name).containsExactly("allow", "deny", "hide_groups_header");
        assertThat(AclConfig.SCHEMA.fields()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
    }

    @Test
    void needsExactlyOneOfAllowAndDeny() {
        assertThat(errors(Map.of())).containsEntry("@entity", AclConfig.AT_LEAST_ONE);
        assertThat(errors(Map.of("allow", List.of()))).containsEntry("@entity", AclConfig.AT_LEAST_ONE);
        assertThat(errors(Map.of("allow", List.of("a"), "deny", List.of("b")))).containsEntry("@entity", AclConfig.ONLY_ONE);
        assertThatThrownBy(() -> new AclConfig(AclConfig.Mode.ALLOW, List.of(), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(AclConfig.AT_LEAST_ONE);
    }

    @Test
    void rejectsBadValues() {
        assertThat(errors(Map.of("allow", List.of("a", " ")))).containsKey("allow");
        assertThat(errors(Map.of("deny", 5, "hide_groups_header", "no"))).containsOnlyKeys("deny", "hide_groups_header");
        assertThat(errors(Map.of("allow", "a", "include_consumer_groups", true)))
                .containsEntry("include_consumer_groups", "unknown field");
    }

    @Test
    void declaresGroupsAsPerConsumerCredentials() {
        CredentialType type = factory.credentialType().orElseThrow();

        assertThat(type.kind()).isEqualTo("acls");
        assertThat(type.keyField()).isEqualTo("group");
        assertThat(type.keyScope()).isEqualTo(CredentialType.KeyScope.PER_CONSUMER);
        assertThat(type.keyGenerator()).isNull();
        assertThat(type.secretFields()).isEmpty();
        assertThat(type.schema().fields()).extracting(Field::name).containsExactly("group", "tags");
        assertThat(type.schema().validate(Map.of("group", "team a")).string("group")).contains("team a");
        for (Object bad : List.of("", " ", "a\nb", 3)) {
            assertThatThrownBy(() -> type.schema().validate(Map.of("group", bad))).as(String.valueOf(bad))
                    .isInstanceOfSatisfying(SchemaViolationException.class, e -> assertThat(e.errors()).containsKey("group"));
        }
        assertThatThrownBy(() -> type.schema().validate(Map.of()))
                .isInstanceOfSatisfying(SchemaViolationException.class, e -> assertThat(e.errors()).containsKey("group"));
    }
}
