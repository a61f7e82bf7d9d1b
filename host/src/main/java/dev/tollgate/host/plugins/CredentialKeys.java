package dev.tollgate.host.plugins;

import dev.tollgate.db.Credential;
import dev.tollgate.db.Ref;

/**
 * How a credential's key is stored. Keys unique among all consumers are stored as they are;
 * keys unique per consumer (ACL groups) are stored behind the consumer's id, so the store's
 * one unique constraint on (kind, key) serves both.
 */
public final class CredentialKeys {
    private static final char SEPARATOR = '\u001f';

    private CredentialKeys() {
    }

    /** The stored lookup key for {@code key} of {@code consumerId}. */
    public static String stored(String consumerId, String key, boolean perConsumer) {
        return perConsumer ? consumerId + SEPARATOR + key : key;
    }

    /** The key as the API and plugins see it. */
    public static String key(Credential c) {
        String stored = c.lookupKey();
        String prefix = Ref.idOf(c.consumer()) + SEPARATOR;
        return stored != null && stored.startsWith(prefix) ? stored.substring(prefix.length()) : stored;
    }
}
