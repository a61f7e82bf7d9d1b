package dev.tollgate.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.tollgate.db.ConfigData;
import dev.tollgate.db.Consumer;
import dev.tollgate.db.Credential;
import dev.tollgate.db.Ref;
import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.CredentialInfo;
import org.junit.jupiter.api.Test;

class IdentityDirectoryTest {
    private static final Consumer ALICE = new Consumer("c1", "alice", null, List.of(), 1000, 1000);

    private static ConfigData data(Credential... credentials) {
        return new ConfigData(1, List.of(), List.of(), List.of(), List.of(), List.of(ALICE), List.of(credentials), List.of(),
                List.of());
    }

    private static Clock at(long epochSeconds) {
        return Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
    }

    @Test
    void findsConsumersByIdOrUsernameAndCredentialsByKindAndKey() {
        var dir = IdentityDirectory.build(data(new Credential("k1", "key-auth", new Ref("c1"), "secret", Map.of(), List.of(), 1000, 1000)));
        assertThat(dir.consumer("alice")).map(ConsumerInfo::id).contains("c1");
        assertThat(dir.consumer("c1")).map(ConsumerInfo::username).contains("alice");
        assertThat(dir.credential("key-auth", "secret")).map(CredentialInfo::consumerId).contains("c1");
        assertThat(dir.credential("basic-auth", "secret")).isEmpty();
    }

    @Test
    void aCredentialWithATtlExpires() {
        var cred = new Credential("k1", "key-auth", new Ref("c1"), "short", Map.of("ttl", 60), List.of(), 1000, 1000);
        assertThat(IdentityDirectory.build(data(cred), at(1059)).credential("key-auth", "short")).isPresent();
        assertThat(IdentityDirectory.build(data(cred), at(1060)).credential("key-auth", "short")).isEmpty();
    }

    @Test
    void perConsumerKeysAreListedUnderTheirConsumer() {
        var group = new Credential("a1", "acls", new Ref("c1"), CredentialKeys.stored("c1", "admins", true), Map.of(),
                List.of(), 1000, 1000);
        var dir = IdentityDirectory.build(data(group));
        assertThat(dir.credentialsOf("c1", "acls")).extracting(CredentialInfo::key).containsExactly("admins");
        assertThat(dir.credentialsOf("c2", "acls")).isEmpty();
    }
}
