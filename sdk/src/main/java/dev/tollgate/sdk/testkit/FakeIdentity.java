package dev.tollgate.sdk.testkit;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.tollgate.sdk.Consumer;
import dev.tollgate.sdk.Credential;
import dev.tollgate.sdk.Identity;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.PhaseRules;

/** The caller of a {@link FakePluginContext}: look-ups over the registered consumers and credentials. */
final class FakeIdentity implements Identity {
    private final List<Consumer> consumers;
    private final List<Credential> credentials;
    private final Supplier<Phase> phase;
    private Consumer consumer;
    private Credential credential;

    FakeIdentity(List<Consumer> consumers, List<Credential> credentials, Supplier<Phase> phase) {
        this.consumers = consumers;
        this.credentials = credentials;
        this.phase = phase;
    }

    @Override
    public Optional<Consumer> consumer() {
        return Optional.ofNullable(consumer);
    }

    @Override
    public Optional<Credential> credential() {
        return Optional.ofNullable(credential);
    }

    @Override
    public void authenticate(Consumer c, Credential cred) {
        PhaseRules.require("identity().authenticate()", phase.get(), PhaseRules.REQUEST_SIDE);
        consumer = c;
        credential = cred;
    }

    @Override
    public Optional<Credential> findCredential(String kind, String key) {
        return credentials.stream().filter(c -> c.kind().equals(kind) && c.key().equals(key)).findFirst();
    }

    @Override
    public List<Credential> credentialsOf(String consumerId, String kind) {
        return credentials.stream().filter(c -> c.kind().equals(kind) && c.consumerId().equals(consumerId)).toList();
    }

    @Override
    public Optional<Consumer> findConsumer(String idOrUsername) {
        return consumers.stream().filter(c -> c.id().equals(idOrUsername) || idOrUsername.equals(c.username())).findFirst();
    }
}
