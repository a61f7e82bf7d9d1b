package dev.tollgate.plugins.basicauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import dev.tollgate.sdk.KeyValueCache;

/**
 * Remembers which (stored hash, password) pairs verified, so a caller pays for PBKDF2 once per
 * node and {@link #TTL} rather than on every request. Only a SHA-256 of the pair is kept, in
 * the node's memory; a changed password changes the stored hash and so misses the cache.
 */
final class VerifiedPasswords {
    static final Duration TTL = Duration.ofMinutes(5);
    private static final String PREFIX = "basic-auth:verified:";
    private static final byte[] YES = {1};

    private VerifiedPasswords() {
    }

    static boolean matches(KeyValueCache cache, String password, String stored) {
        String key = PREFIX + digest(password, stored);
        if (cache.get(key).isPresent()) {
            return true;
        }
        if (!PasswordHash.matches(password, stored)) {
            return false;
        }
        cache.put(key, YES, TTL);
        return true;
    }

    private static String digest(String password, String stored) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(stored.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
