package dev.tollgate.plugins.jwt;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The JWS algorithms Kong's {@code jwt} accepts, verified with the JDK's providers alone. */
enum JwtAlgorithm {
    HS256(Family.HMAC, "HmacSHA256"),
    HS384(Family.HMAC, "HmacSHA384"),
    HS512(Family.HMAC, "HmacSHA512"),
    RS256(Family.RSA, "SHA256withRSA"),
    RS384(Family.RSA, "SHA384withRSA"),
    RS512(Family.RSA, "SHA512withRSA"),
    // JOSE sends ECDSA signatures as R || S of fixed length (IEEE P1363), which the JDK reads as is.
    ES256(Family.EC, "SHA256withECDSAinP1363Format", 64),
    ES384(Family.EC, "SHA384withECDSAinP1363Format", 96),
    ES512(Family.EC, "SHA512withECDSAinP1363Format", 132),
    PS256(Family.RSA, "RSASSA-PSS", pss("SHA-256", MGF1ParameterSpec.SHA256, 32)),
    PS384(Family.RSA, "RSASSA-PSS", pss("SHA-384", MGF1ParameterSpec.SHA384, 48)),
    PS512(Family.RSA, "RSASSA-PSS", pss("SHA-512", MGF1ParameterSpec.SHA512, 64)),
    EdDSA(Family.EDDSA, "EdDSA");

    /** What kind of key an algorithm verifies with. */
    enum Family {
        HMAC("a shared secret"), RSA("an RSA public key"), EC("an EC public key"), EDDSA("an EdDSA public key");

        private final String description;

        Family(String description) {
            this.description = description;
        }

        /** For messages: {@code an RSA public key}. */
        String description() {
            return description;
        }

        boolean accepts(PublicKey key) {
            return switch (this) {
                case RSA -> key instanceof RSAPublicKey;
                case EC -> key instanceof ECPublicKey;
                case EDDSA -> key instanceof EdECPublicKey;
                case HMAC -> false;
            };
        }
    }

    private final Family family;
    private final String jcaName;
    private final AlgorithmParameterSpec parameters;
    private final int signatureLength;

    JwtAlgorithm(Family family, String jcaName) {
        this(family, jcaName, null, 0);
    }

    JwtAlgorithm(Family family, String jcaName, int signatureLength) {
        this(family, jcaName, null, signatureLength);
    }

    JwtAlgorithm(Family family, String jcaName, AlgorithmParameterSpec parameters) {
        this(family, jcaName, parameters, 0);
    }

    JwtAlgorithm(Family family, String jcaName, AlgorithmParameterSpec parameters, int signatureLength) {
        this.family = family;
        this.jcaName = jcaName;
        this.parameters = parameters;
        this.signatureLength = signatureLength;
    }

    /** The algorithm of a JOSE {@code alg} name (case-sensitive, as JOSE's are). */
    static Optional<JwtAlgorithm> of(String name) {
        return Arrays.stream(values()).filter(a -> a.name().equals(name)).findFirst();
    }

    /** The JOSE names, for schema enumerations. */
    static String[] names() {
        return Arrays.stream(values()).map(Enum::name).toArray(String[]::new);
    }

    Family family() {
        return family;
    }

    boolean symmetric() {
        return family == Family.HMAC;
    }

    /** Checks an HMAC signature in constant time. */
    boolean verify(byte[] signingInput, byte[] signature, byte[] secret) {
        if (!symmetric() || secret.length == 0) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance(jcaName);
            mac.init(new SecretKeySpec(secret, jcaName));
            return MessageDigest.isEqual(mac.doFinal(signingInput), signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(jcaName + " unavailable", e);
        }
    }

    /** Checks a public-key signature; a key of the wrong kind or a malformed signature does not verify. */
    boolean verify(byte[] signingInput, byte[] signature, PublicKey key) {
        if (!family.accepts(key) || signatureLength > 0 && signature.length != signatureLength) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(jcaName);
            if (parameters != null) {
                verifier.setParameter(parameters);
            }
            verifier.initVerify(key);
            verifier.update(signingInput);
            return verifier.verify(signature);
        } catch (java.security.SignatureException | java.security.InvalidKeyException e) {
            return false; // a signature that does not parse, or a key the curve does not fit
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(jcaName + " unavailable", e);
        }
    }

    private static PSSParameterSpec pss(String digest, MGF1ParameterSpec mgf, int saltLength) {
        return new PSSParameterSpec(digest, "MGF1", mgf, saltLength, PSSParameterSpec.TRAILER_FIELD_BC);
    }
}
