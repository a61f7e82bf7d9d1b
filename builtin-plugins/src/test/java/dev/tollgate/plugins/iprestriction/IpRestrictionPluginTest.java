package dev.tollgate.plugins.iprestriction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.testkit.FakePluginContext;

class IpRestrictionPluginTest {
    static final Map<String, String> NOT_ALLOWED = Map.of("message", "Your IP address is not allowed");

    static FakePluginContext run(Map<String, ?> config, String clientIp) {
        var factory = new IpRestrictionPluginFactory();
        FakePluginContext ctx = FakePluginContext.builder().clientIp(clientIp).build();
        factory.create(factory.configSchema().validate(config)).access(ctx.in(Phase.ACCESS));
        return ctx;
    }

    static void assertLetIn(FakePluginContext ctx) {
        assertThat(ctx.exitStatus()).isZero();
    }

    static void assertRefused(FakePluginContext ctx) {
        assertThat(ctx.exitStatus()).isEqualTo(403);
        assertThat(ctx.exitBody()).isEqualTo(NOT_ALLOWED);
    }

    @Test
    void allowListLetsInOnlyListedAddressesAndRanges() {
        Map<String, ?> config = Map.of("allow", List.of("10.0.0.1", "192.168.0.0/16"));

        assertLetIn(run(config, "10.0.0.1"));
        assertLetIn(run(config, "192.168.44.7"));
        assertRefused(run(config, "10.0.0.2"));
        assertRefused(run(config, "192.169.0.1"));
    }

    @Test
    void denyListRefusesOnlyListedAddressesAndRanges() {
        Map<String, ?> config = Map.of("deny", List.of("203.0.113.0/24"));

        assertRefused(run(config, "203.0.113.9"));
        assertLetIn(run(config, "203.0.114.9"));
    }

    @Test
    void denyWinsOverAllow() {
        Map<String, ?> config = Map.of("allow", List.of("10.0.0.0/8"), "deny", List.of("10.1.2.3"));

        assertRefused(run(config, "10.1.2.3"));
        assertLetIn(run(config, "10.1.2.4"));
        assertRefused(run(config, "11.0.0.1"));
    }

    @Test
    void ipv6AddressesAndRanges() {
        Map<String, ?> config = Map.of("allow", List.of("2001:db8::/32", "::1"), "deny", List.of("2001:db8:dead::/48"));

        assertLetIn(run(config, "2001:db8:1::5"));
        assertLetIn(run(config, "0:0:0:0:0:0:0:1"));
        assertLetIn(run(config, "[::1]"));
        assertLetIn(run(config, "2001:db8::1%eth0"));
        assertRefused(run(config, "2001:db8:dead::1"));
        assertRefused(run(config, "2001:db9::1"));
        // An IPv4 client never matches an IPv6 range.
        assertRefused(run(config, "127.0.0.1"));
    }

    @Test
    void ipv4MappedAddressesMatchIpv4Rules() {
        assertRefused(run(Map.of("deny", List.of("10.0.0.0/8")), "::ffff:10.9.8.7"));
        assertRefused(run(Map.of("deny", List.of("::ffff:10.0.0.0/104")), "10.9.8.7"));
        assertLetIn(run(Map.of("deny", List.of("::ffff:10.0.0.0/104")), "11.9.8.7"));
    }

    @Test
    void hostBitsOfARangeAreIgnored() {
        assertLetIn(run(Map.of("allow", List.of("10.1.2.3/8")), "10.200.0.1"));
        assertLetIn(run(Map.of("allow", List.of("0.0.0.0/0")), "8.8.8.8"));
    }

    @Test
    void statusAndMessageAreConfigurable() {
        FakePluginContext ctx = run(Map.of("deny", List.of("10.0.0.1"), "status", 404, "message", "Not here"), "10.0.0.1");

        assertThat(ctx.exitStatus()).isEqualTo(404);
        assertThat(ctx.exitBody()).isEqualTo(Map.of("message", "Not here"));
    }

    @Test
    void aClientAddressThatIsNoIpIsRefused() {
        FakePluginContext ctx = run(Map.of("deny", List.of("10.0.0.1")), "unix:/run/socket");

        assertThat(ctx.exitStatus()).isEqualTo(403);
        assertThat(ctx.exitBody()).isEqualTo(Map.of("message", "Cannot identify the client IP address"));
        assertThat(ctx.logLines()).anyMatch(l -> l.startsWith("WARNING") && l.contains("unix:/run/socket"));
    }

    @Test
    void printsItsRules() {
        var factory = new IpRestrictionPluginFactory();
        assertThat(factory.create(factory.configSchema().validate(Map.of("allow", List.of("10.0.0.0/8")))).toString())
                .isEqualTo("ip-restriction{allow=[10.0.0.0/8], deny=[], status=403}");
    }
}
