package dev.tollgate.sdk.testkit;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.CredentialInfo;
import dev.tollgate.sdk.Identity;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.PhaseRules;

/** The caller of a {@link FakePluginContext}: look-ups over the registered consumers and credentials. */
final class FakeIdentity implements Identity {
    private final List<ConsumerInfo> consumers;
    private final List<CredentialInfo> credentials;
    private final Supplier<Phase> phase;
    private ConsumerInfo consumer;
    private CredentialInfo credential;

    FakeIdentity(List<ConsumerInfo> consumers, List<CredentialInfo> credentials, Supplier<Phase> phase) {
        this.consumers = consumers;
        this.credentials = credentials;
        this.phase = phase;
    }

    @Override
    public Optional<ConsumerInfo> consumer() {
        return Optional.ofNullable(consumer);
    }

    @Override
    public Optional<CredentialInfo> credential() {
        return Optional.ofNullable(credential);
    }

    @Override
    public void authenticate(ConsumerInfo c, CredentialInfo cred) {
        PhaseRules.require("identity().authenticate()", phase.get(), PhaseRules.REQUEST_SIDE);
        consumer = c;
        credential = cred;
    }

    @Override
    public Optional<CredentialInfo> findCredential(String kind, String key) {
        return credentials.stream().filter(c -> c.kind().equals(kind) && c.key().equals(key)).findFirst();
    }

    @Override
    public List<CredentialInfo> credentialsOf(String consumerId, String kind) {
        return credentials.stream().filter(c -> c.kind().equals(kind) && c.consumerId().equals(consumerId)).toList();
    }

    @Override
    public Optional<ConsumerInfo> findConsumer(String idOrUsername) {
        return consumers.stream().filter(c -> c.id().equals(idOrUsername) || idOrUsername.equals(c.username())).findFirst();
    }
}
