package dev.tollgate.plugins.iprestriction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.SchemaViolationException;

class IpRestrictionConfigTest {
    private final IpRestrictionPluginFactory factory = new IpRestrictionPluginFactory();

    private static IpRestrictionConfig config(Map<String, ?> input) {
        return IpRestrictionConfig.from(IpRestrictionConfig.SCHEMA.validate(input));
    }

    private static Map<String, String> errors(Map<String, ?> input) {
        try {
            IpRestrictionConfig.SCHEMA.validate(input);
        } catch (SchemaViolationException e) {
            return e.errors();
        }
        throw new AssertionError("accepted: " + input);
    }

    @Test
    void factoryIsKongsIpRestriction() {
        assertThat(factory.name()).isEqualTo("ip-restriction");
        assertThat(factory.priority()).isEqualTo(990);
        assertThat(factory.version()).isEqualTo("1.0.0");
        assertThat(factory.phases()).containsExactly(Phase.ACCESS);
        assertThat(factory.configSchema()).isSameAs(IpRestrictionConfig.SCHEMA);
        assertThat(factory.credentialType()).isEmpty();
    }

    @Test
    void everyFieldIsDescribed() {
        assertThat(IpRestrictionConfig.SCHEMA.fields()).extracting(Field::name)
                .containsExactly("allow", "deny", "status", "message");
        assertThat(IpRestrictionConfig.SCHEMA.fields()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
    }

    @Test
    void defaultsAreKongs() {
        IpRestrictionConfig config = config(Map.of("deny", List.of("10.0.0.1")));

        assertThat(config).isEqualTo(new IpRestrictionConfig(List.of(), List.of(IpRange.parse("10.0.0.1")), 403,
                "Your IP address is not allowed"));
    }

    @Test
    void mapsEveryField() {
        IpRestrictionConfig config = config(Map.of("allow", List.of("10.0.0.0/8", "2001:db8::/32"),
                "deny", List.of("10.0.0.1"), "status", "401", "message", "Go away"));

        assertThat(config.allow()).extracting(IpRange::toString).containsExactly("10.0.0.0/8", "2001:db8::/32");
        assertThat(config.deny()).extracting(IpRange::toString).containsExactly("10.0.0.1");
        assertThat(config.status()).isEqualTo(401);
        assertThat(config.message()).isEqualTo("Go away");
    }

    @Test
    void needsAnAllowOrADenyList() {
        assertThat(errors(Map.of())).containsEntry("@entity", IpRestrictionConfig.AT_LEAST_ONE_LIST);
        assertThat(errors(Map.of("allow", List.of(), "deny", List.of()))).containsKey("@entity");
    }

    @Test
    void rejectsWhatIsNoAddressOrRange() {
        for (String bad : List.of("10.0.0.256", "10.0.0", "010.0.0.1", "10.0.0.1/33", "10.0.0.1/", "10.0.0.1/-1",
                "2001:db8::/129", "::ffff:10.0.0.0/64", "example.com", "cafe", "fe80::1%eth0", "[::1]", " 10.0.0.1", "")) {
            assertThat(errors(Map.of("allow", List.of("10.0.0.1", bad)))).as(bad).containsKey("allow");
        }
        assertThat(errors(Map.of("deny", List.of("1.2.3.4/40"))).get("deny")).contains("CIDR ranges");
        assertThatThrownBy(() -> IpRange.parse("300.1.1.1")).hasMessageContaining("'300.1.1.1'");
    }

    @Test
    void rejectsBadStatusesAndUnknownFields() {
        assertThat(errors(Map.of("deny", List.of("10.0.0.1"), "status", 99))).containsKey("status");
        assertThat(errors(Map.of("deny", List.of("10.0.0.1"), "status", 600))).containsKey("status");
        assertThat(errors(Map.of("deny", List.of("10.0.0.1"), "whitelist", List.of("10.0.0.1"))))
                .containsEntry("whitelist", "unknown field");
    }

    @Test
    void constructorAppliesTheDefaultMessageAndChecksTheStatus() {
        List<IpRange> deny = List.of(IpRange.parse("10.0.0.1"));
        assertThat(new IpRestrictionConfig(List.of(), deny, 403, null).message()).isEqualTo("Your IP address is not allowed");
        assertThatThrownBy(() -> new IpRestrictionConfig(List.of(), deny, 700, null))
                .hasMessage("config.status: 700 (expected: 200..599)");
    }
}
