package dev.tollgate.host.plugins;

import java.util.Optional;

import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.CredentialInfo;
import dev.tollgate.sdk.Identity;

/** Who is calling, as the authentication plugins of this request decided. */
final class IdentityState implements Identity {
    private final IdentityDirectory directory;
    private ConsumerInfo consumer;
    private CredentialInfo credential;

    IdentityState(IdentityDirectory directory) {
        this.directory = directory;
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
    public void authenticate(ConsumerInfo consumer, CredentialInfo credential) {
        this.consumer = java.util.Objects.requireNonNull(consumer, "consumer");
        this.credential = credential;
    }

    @Override
    public Optional<CredentialInfo> findCredential(String kind, String key) {
        return key == null ? Optional.empty() : directory.credential(kind, key);
    }

    @Override
    public java.util.List<CredentialInfo> credentialsOf(String consumerId, String kind) {
        return consumerId == null ? java.util.List.of() : directory.credentialsOf(consumerId, kind);
    }

    @Override
    public Optional<ConsumerInfo> findConsumer(String idOrUsername) {
        return idOrUsername == null ? Optional.empty() : directory.consumer(idOrUsername);
    }

    String consumerId() {
        return consumer == null ? null : consumer.id();
    }
}
