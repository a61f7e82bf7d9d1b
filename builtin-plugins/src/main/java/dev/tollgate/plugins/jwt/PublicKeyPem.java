package dev.tollgate.plugins.jwt;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Public keys in PEM, as Kong's {@code rsa_public_key} takes them: {@code PUBLIC KEY} (X.509
 * SubjectPublicKeyInfo, any key type), {@code RSA PUBLIC KEY} (PKCS#1) or a {@code CERTIFICATE}.
 */
final class PublicKeyPem {
    private static final Pattern PEM = Pattern.compile(
            "\\s*-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----\\s*");
    // AlgorithmIdentifier { rsaEncryption, NULL }, to wrap a PKCS#1 key as a SubjectPublicKeyInfo.
    private static final byte[] RSA_ALGORITHM = HexFormat.of().parseHex("300d06092a864886f70d0101010500");
    private static final List<String> KEY_TYPES = List.of("RSA", "EC", "EdDSA");

    private PublicKeyPem() {
    }

    /**
     * The key in {@code pem}.
     *
     * @throws IllegalArgumentException when it is not one PEM public key or certificate the JDK can read
     */
    static PublicKey parse(String pem) {
        Matcher m = PEM.matcher(pem);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a PEM block");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM body is not base64", e);
        }
        return switch (m.group(1)) {
            case "PUBLIC KEY" -> subjectPublicKeyInfo(der);
            case "RSA PUBLIC KEY" -> subjectPublicKeyInfo(wrapPkcs1(der));
            case "CERTIFICATE" -> certificateKey(der);
            default -> throw new IllegalArgumentException("unsupported PEM type " + m.group(1)
                    + " (expected: PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE)");
        };
    }

    private static PublicKey subjectPublicKeyInfo(byte[] der) {
        for (String type : KEY_TYPES) {
            try {
                return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // try the next key type
            }
        }
        throw new IllegalArgumentException("not an RSA, EC or EdDSA public key");
    }

    private static PublicKey certificateKey(byte[] der) {
        try {
            return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an X.509 certificate", e);
        }
    }

    // SubjectPublicKeyInfo ::= SEQUENCE { AlgorithmIdentifier, BIT STRING (0 unused bits, PKCS#1 key) }
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream bitString = new ByteArrayOutputStream();
        bitString.write(0);
        bitString.writeBytes(pkcs1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(RSA_ALGORITHM);
        body.writeBytes(tlv(0x03, bitString.toByteArray()));
        return tlv(0x30, body.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
