package dev.tollgate.host.plugins;

import java.util.Optional;

import dev.tollgate.sdk.Consumer;
import dev.tollgate.sdk.Credential;
import dev.tollgate.sdk.Identity;

/** Who is calling, as the authentication plugins of this request decided. */
final class IdentityState implements Identity {
    private final IdentityDirectory directory;
    private Consumer consumer;
    private Credential credential;

    IdentityState(IdentityDirectory directory) {
        this.directory = directory;
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
    public void authenticate(Consumer consumer, Credential credential) {
        this.consumer = java.util.Objects.requireNonNull(consumer, "consumer");
        this.credential = credential;
    }

    @Override
    public Optional<Credential> findCredential(String kind, String key) {
        return key == null ? Optional.empty() : directory.credential(kind, key);
    }

    @Override
    public java.util.List<Credential> credentialsOf(String consumerId, String kind) {
        return consumerId == null ? java.util.List.of() : directory.credentialsOf(consumerId, kind);
    }

    @Override
    public Optional<Consumer> findConsumer(String idOrUsername) {
        return idOrUsername == null ? Optional.empty() : directory.consumer(idOrUsername);
    }

    String consumerId() {
        return consumer == null ? null : consumer.id();
    }
}
