package dev.tollgate.plugins.jwt;

import static dev.tollgate.plugins.jwt.JwtPluginTest.ALICE;
import static dev.tollgate.plugins.jwt.JwtPluginTest.assertRefused;
import static dev.tollgate.plugins.jwt.JwtPluginTest.request;
import static dev.tollgate.plugins.jwt.JwtPluginTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Map;

import dev.tollgate.sdk.CredentialInfo;
import dev.tollgate.sdk.testkit.FakePluginContext;
import org.junit.jupiter.api.Test;

/** Tokens signed with public-key algorithms, checked against the credential's PEM key. */
class JwtSignatureTest {
    private static final String CLAIMS = "{\"iss\":\"pk\"}";

    private static CredentialInfo credential(String algorithm, String pem) {
        return CredentialInfo.builder("cred-" + algorithm, "jwt", "c-alice", "pk").data(Map.of("algorithm", algorithm, "rsa_public_key", pem)).build();
    }

    private static FakePluginContext run(CredentialInfo credential, String token) {
        return JwtPluginTest.run(Map.of(), request().credential(ALICE, credential).header("Authorization", "Bearer " + token));
    }

    private static void assertAccepted(FakePluginContext ctx, CredentialInfo credential) {
        assertThat(ctx.exitStatus()).isZero();
        assertThat(ctx.identity().credential()).contains(credential);
    }

    @Test
    void rs256() {
        CredentialInfo rs = credential("RS256", Tokens.pem(Tokens.RSA.getPublic()));
        String token = Tokens.signed("RS256", "SHA256withRSA", Tokens.RSA.getPrivate(), CLAIMS);

        assertAccepted(run(rs, token), rs);
        assertRefused(run(rs, Tokens.signed("RS256", "SHA256withRSA", Tokens.OTHER_RSA.getPrivate(), CLAIMS)), "Invalid signature");
        assertRefused(run(rs, Tokens.signed("RS512", "SHA512withRSA", Tokens.RSA.getPrivate(), CLAIMS)), "Invalid algorithm");
        // An HS256 token "signed" with the public key as its secret: the classic confusion attack.
        String confused = Tokens.hs("HS256", CLAIMS, Tokens.pem(Tokens.RSA.getPublic()).getBytes());
        assertRefused(run(rs, confused), "Invalid algorithm");
    }

    @Test
    void rs384AndRs512() {
        for (String alg : new String[] {"RS384", "RS512"}) {
            CredentialInfo rs = credential(alg, Tokens.pem(Tokens.RSA.getPublic()));
            String jca = "SHA" + alg.substring(2) + "withRSA";

            assertAccepted(run(rs, Tokens.signed(alg, jca, Tokens.RSA.getPrivate(), CLAIMS)), rs);
        }
    }

    @Test
    void rs256WithACertificateOrAPkcs1Key() {
        String token = Tokens.signed("RS256", "SHA256withRSA", Tokens.certificateKey(), CLAIMS);
        for (String pem : new String[] {Tokens.resource("test-cert.pem"), Tokens.resource("test-cert-pkcs1.pem")}) {
            CredentialInfo rs = credential("RS256", pem);

            assertAccepted(run(rs, token), rs);
        }
    }

    @Test
    void es256() {
        CredentialInfo es = credential("ES256", Tokens.pem(Tokens.EC.getPublic()));
        String token = Tokens.signed("ES256", "SHA256withECDSAinP1363Format", Tokens.EC.getPrivate(), CLAIMS);

        assertAccepted(run(es, token), es);
        // The JOSE form is R || S; an ASN.1 DER signature is refused, as Kong refuses it.
        String der = Tokens.signed("ES256", "SHA256withECDSA", Tokens.EC.getPrivate(), CLAIMS);
        assertRefused(run(es, der), "Invalid signature");
        String flipped = token.substring(0, token.lastIndexOf('.') + 1)
                + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[64]);
        assertRefused(run(es, flipped), "Invalid signature");
    }

    @Test
    void ps256AndEdDsa() {
        CredentialInfo ps = credential("PS256", Tokens.pem(Tokens.RSA.getPublic()));
        CredentialInfo ed = credential("EdDSA", Tokens.pem(Tokens.ED25519.getPublic()));

        assertAccepted(run(ps, Tokens.signed("PS256", "RSASSA-PSS", Tokens.RSA.getPrivate(), CLAIMS)), ps);
        assertAccepted(run(ed, Tokens.signed("EdDSA", "Ed25519", Tokens.ED25519.getPrivate(), CLAIMS)), ed);
        assertRefused(run(ed, Tokens.signed("EdDSA", "Ed25519", Tokens.generateEd25519().getPrivate(), CLAIMS)), "Invalid signature");
    }

    @Test
    void aKeyOfTheWrongKindDoesNotVerify() {
        CredentialInfo ecKeyForRs = credential("RS256", Tokens.pem(Tokens.EC.getPublic()));

        assertRefused(run(ecKeyForRs, Tokens.signed("RS256", "SHA256withRSA", Tokens.RSA.getPrivate(), CLAIMS)), "Invalid signature");
    }

    @Test
    void aCredentialWithoutAReadableKey() {
        String token = Tokens.signed("RS256", "SHA256withRSA", Tokens.RSA.getPrivate(), CLAIMS);
        var noKey = CredentialInfo.builder("cred-nokey", "jwt", "c-alice", "pk").data(Map.of("algorithm", "RS256")).build();

        assertRefused(run(noKey, token), "Invalid key/secret");
        FakePluginContext ctx = run(credential("RS256", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"), token);
        assertRefused(ctx, "Invalid key/secret");
        assertThat(ctx.logLines()).anyMatch(l -> l.startsWith("WARNING") && l.contains("rsa_public_key"));
    }
}
