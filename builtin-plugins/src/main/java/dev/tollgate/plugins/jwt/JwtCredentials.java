package dev.tollgate.plugins.jwt;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.tollgate.sdk.CredentialType;
import dev.tollgate.sdk.CredentialType.KeyScope;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * The {@code jwt} credential kind (Kong's {@code jwt_secrets}): a key that tokens name in their
 * key claim, the algorithm they must be signed with, and the secret or public key that checks them.
 */
final class JwtCredentials {
    static final String KIND = "jwt";
    static final String KEY = "key";
    static final String ALGORITHM = "algorithm";
    static final String SECRET = "secret";
    static final String PUBLIC_KEY = "rsa_public_key";
    static final String DEFAULT_ALGORITHM = "HS256";

    private static final SecureRandom RANDOM = new SecureRandom();

    static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.string(KEY)
                    .check(v -> !((String) v).isBlank(), "a non-blank key")
                    .description("What tokens name in their key claim (iss by default) to be checked with this "
                            + "credential; unique among all consumers. Generated (32 hexadecimal characters) when absent."))
            .field(Field.string(ALGORITHM).oneOf(JwtAlgorithm.names()).defaultValue(DEFAULT_ALGORITHM)
                    .description("The algorithm tokens must be signed with; a token whose alg differs is refused."))
            .field(Field.string(SECRET)
                    .check(v -> !((String) v).isEmpty(), "a non-empty secret")
                    .description("The HMAC secret of the HS algorithms (base64 when the plugin's secret_is_base64 "
                            + "is true). Generated (32 hexadecimal characters) for HS algorithms when absent."))
            .field(Field.string(PUBLIC_KEY)
                    .check(JwtCredentials::isPublicKey, "a PEM public key (PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE)")
                    .description("The PEM public key that checks RS, PS, ES and EdDSA signatures; required for them."))
            .field(Field.strings("tags").description("Free-form tags to group and filter credentials."))
            .rule(JwtCredentials::problem)
            .build();

    // The secret is shown by the Admin API, as Kong shows it: a generated one is useless otherwise.
    static final CredentialType TYPE = new CredentialType(KIND, KEY, SCHEMA, JwtCredentials::randomHex, Set.of(),
            JwtCredentials::generateSecret, KeyScope.GLOBAL);

    private JwtCredentials() {
    }

    /** The schema's rule: an asymmetric algorithm needs a public key of its kind. */
    static Optional<String> problem(PluginConfig credential) {
        JwtAlgorithm algorithm = JwtAlgorithm.of(credential.string(ALGORITHM).orElse(DEFAULT_ALGORITHM)).orElseThrow();
        if (algorithm.symmetric()) {
            return Optional.empty();
        }
        Optional<String> pem = credential.string(PUBLIC_KEY);
        if (pem.isEmpty()) {
            return Optional.of("'" + PUBLIC_KEY + "' is required when '" + ALGORITHM + "' is '" + algorithm + "'");
        }
        if (!algorithm.family().accepts(PublicKeyPem.parse(pem.get()))) {
            return Optional.of("'" + PUBLIC_KEY + "' must be " + algorithm.family().description()
                    + " when '" + ALGORITHM + "' is '" + algorithm + "'");
        }
        return Optional.empty();
    }

    /** Gives a credential of an HS algorithm written without a secret a random one. */
    static Map<String, Object> generateSecret(Map<String, Object> fields) {
        boolean symmetric = JwtAlgorithm.of(String.valueOf(fields.getOrDefault(ALGORITHM, DEFAULT_ALGORITHM)))
                .map(JwtAlgorithm::symmetric).orElse(false);
        if (!symmetric || fields.get(SECRET) != null) {
            return fields;
        }
        Map<String, Object> out = new LinkedHashMap<>(fields);
        out.put(SECRET, randomHex());
        return out;
    }

    /** 128 random bits as 32 lower-case hex characters, the length of Kong's generated keys and secrets. */
    static String randomHex() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static boolean isPublicKey(Object pem) {
        try {
            PublicKeyPem.parse((String) pem);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
