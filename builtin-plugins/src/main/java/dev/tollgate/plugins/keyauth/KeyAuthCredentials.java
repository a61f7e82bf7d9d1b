package dev.tollgate.plugins.keyauth;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

import dev.tollgate.sdk.CredentialType;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;

/** The {@code key-auth} credential kind: an API key per credential, stored by the gateway. */
final class KeyAuthCredentials {
    static final String KIND = "key-auth";
    static final String KEY_FIELD = "key";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.string(KEY_FIELD)
                    .check(v -> !((String) v).isBlank(), "a non-blank key")
                    .description("The API key clients send. Generated (32 hexadecimal characters) when absent."))
            .field(Field.integer("ttl").min(0)
                    .description("Seconds the credential stays valid after it is created; absent for no expiry."))
            .field(Field.strings("tags").description("Free-form tags to group and filter credentials."))
            .build();

    // Keys are shown by the Admin API as Kong shows them, so there are no secret fields.
    static final CredentialType TYPE = new CredentialType(KIND, KEY_FIELD, SCHEMA, KeyAuthCredentials::generateKey, Set.of());

    private KeyAuthCredentials() {
    }

    /** 128 random bits as 32 lower-case hex characters, the length of Kong's generated keys. */
    static String generateKey() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }
}
