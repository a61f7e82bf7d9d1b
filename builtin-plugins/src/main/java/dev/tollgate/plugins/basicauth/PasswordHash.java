package dev.tollgate.plugins.basicauth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Passwords as stored: {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}, salt and hash in
 * unpadded base64. A random salt per credential, so equal passwords do not look equal; the
 * iteration count travels with the hash, so it can be raised without breaking stored ones.
 */
final class PasswordHash {
    static final String SCHEME = "pbkdf2-sha256";
    // A verification costs a few milliseconds at this count; successful ones are remembered
    // (VerifiedPasswords), so only the first request of a caller and wrong guesses pay it.
    static final int ITERATIONS = 10_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final int MAX_ITERATIONS = 10_000_000;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    /** A stored hash that parsed. */
    record Stored(int iterations, byte[] salt, byte[] hash) {
    }

    private PasswordHash() {
    }

    /** The stored form of {@code password}, with a fresh salt. */
    static String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return format(ITERATIONS, salt, pbkdf2(password, salt, ITERATIONS, HASH_BITS));
    }

    /** True when {@code password} is the one {@code stored} was made from; false for a stored value that does not parse. */
    static boolean matches(String password, String stored) {
        Optional<Stored> parsed = parse(stored);
        // Stored passwords are never empty, and PBKDF2 refuses an empty one.
        if (parsed.isEmpty() || password.isEmpty()) {
            return false;
        }
        Stored s = parsed.get();
        byte[] given = pbkdf2(password, s.salt(), s.iterations(), s.hash().length * 8);
        return MessageDigest.isEqual(given, s.hash());
    }

    static Optional<Stored> parse(String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        String[] parts = stored.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME) || !parts[1].matches("[1-9]\\d{0,7}")) {
            return Optional.empty();
        }
        int iterations = Integer.parseInt(parts[1]);
        try {
            byte[] salt = DECODER.decode(parts[2]);
            byte[] hash = DECODER.decode(parts[3]);
            if (iterations > MAX_ITERATIONS || salt.length == 0 || hash.length < 16) {
                return Optional.empty();
            }
            return Optional.of(new Stored(iterations, salt, hash));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String format(int iterations, byte[] salt, byte[] hash) {
        return SCHEME + "$" + iterations + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations, int bits) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, bits);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }
}
