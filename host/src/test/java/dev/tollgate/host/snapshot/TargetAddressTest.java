package dev.tollgate.host.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Targets as services and upstreams give them: the Host header and the address must agree on one form. */
class TargetAddressTest {
    @Test
    void anIpv6HostFromAServiceUrlKeepsOnePairOfBrackets() {
        // URI.getHost() of http://[::1]:18103/ is "[::1]": the Host header once went out as [[::1]]:18103.
        TargetAddress t = new TargetAddress("[::1]", 18103);
        assertThat(t.host()).isEqualTo("::1");
        assertThat(t.authority()).isEqualTo("[::1]:18103");
    }

    @Test
    void targetsParseInEveryForm() {
        assertThat(TargetAddress.parse("[::1]:9000")).isEqualTo(new TargetAddress("::1", 9000));
        assertThat(TargetAddress.parse("api.internal")).isEqualTo(new TargetAddress("api.internal", TargetAddress.DEFAULT_TARGET_PORT));
        assertThat(TargetAddress.parse("10.0.0.1:81").authority()).isEqualTo("10.0.0.1:81");
        assertThatThrownBy(() -> TargetAddress.parse("::1:9000")).hasMessageContaining("[ipv6]:port");
    }
}
