package dev.tollgate.sdk;

import java.util.Optional;

/**

 * The caller: set by an authentication plugin, read by the plugins after it.

 *

 * @since 0.1.0

 */
public interface Identity {

    /** The authenticated (or anonymous) consumer, if any. */
    Optional<ConsumerInfo> consumer();

    /** The credential the consumer authenticated with; empty for an anonymous consumer. */
    Optional<CredentialInfo> credential();

    /**
     * Records who is calling ({@link Phase#REWRITE}, {@link Phase#ACCESS}). {@code credential} is
     * null for an anonymous consumer. ConsumerInfo-scoped plugin instances apply from here on.
     */
    void authenticate(ConsumerInfo consumer, CredentialInfo credential);

    /** A credential of {@code kind} by its lookup key (the API key, the username, ...). */
    Optional<CredentialInfo> findCredential(String kind, String key);

    /** Every credential of {@code kind} a consumer holds (its ACL groups, ...). */
    java.util.List<CredentialInfo> credentialsOf(String consumerId, String kind);

    /** A consumer by id or username. */
    Optional<ConsumerInfo> findConsumer(String idOrUsername);
}
