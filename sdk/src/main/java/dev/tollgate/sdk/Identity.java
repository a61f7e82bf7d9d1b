package dev.tollgate.sdk;

import java.util.Optional;

/** The caller: set by an authentication plugin, read by the plugins after it. */
public interface Identity {

    /** The authenticated (or anonymous) consumer, if any. */
    Optional<Consumer> consumer();

    /** The credential the consumer authenticated with; empty for an anonymous consumer. */
    Optional<Credential> credential();

    /**
     * Records who is calling ({@link Phase#REWRITE}, {@link Phase#ACCESS}). {@code credential} is
     * null for an anonymous consumer. Consumer-scoped plugin instances apply from here on.
     */
    void authenticate(Consumer consumer, Credential credential);

    /** A credential of {@code kind} by its lookup key (the API key, the username, ...). */
    Optional<Credential> findCredential(String kind, String key);

    /** Every credential of {@code kind} a consumer holds (its ACL groups, ...). */
    java.util.List<Credential> credentialsOf(String consumerId, String kind);

    /** A consumer by id or username. */
    Optional<Consumer> findConsumer(String idOrUsername);
}
