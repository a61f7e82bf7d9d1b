package dev.tollgate.plugins.jwt;

import static dev.tollgate.plugins.jwt.JwtPluginTest.SECRET;
import static dev.tollgate.plugins.jwt.JwtPluginTest.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tollgate.sdk.testkit.FakeHostServices;
import dev.tollgate.sdk.testkit.FakePluginContext;

/** exp, nbf and maximum_expiration, on a clock the test sets. */
class JwtClaimsTest {
    private static final long NOW = 1_800_000_000L;
    private static final List<String> BOTH = List.of("exp", "nbf");

    private static FakePluginContext run(Map<String, ?> config, String claims) {
        // Half a second past NOW: Kong compares whole seconds.
        Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW).plusMillis(500), ZoneOffset.UTC);
        String token = Tokens.hs256("{\"iss\":\"alice-key\"," + claims + "}", SECRET);
        return JwtPluginTest.run(config, bearer(token).services(new FakeHostServices(clock)));
    }

    private static void assertRefused(FakePluginContext ctx, Map<String, String> errors) {
        JwtPluginTest.assertRefused(ctx, errors, "Bearer error=\"invalid_token\"");
    }

    @Test
    void expMustLieInTheFuture() {
        Map<String, ?> config = Map.of("claims_to_verify", List.of("exp"));

        assertThat(run(config, "\"exp\":" + (NOW + 1)).exitStatus()).isZero();
        assertRefused(run(config, "\"exp\":" + NOW), Map.of("exp", "token expired"));
        assertRefused(run(config, "\"exp\":" + (NOW - 60)), Map.of("exp", "token expired"));
    }

    @Test
    void nbfMustNotLieInTheFuture() {
        Map<String, ?> config = Map.of("claims_to_verify", List.of("nbf"));

        assertThat(run(config, "\"nbf\":" + NOW).exitStatus()).isZero();
        assertThat(run(config, "\"nbf\":" + (NOW - 60)).exitStatus()).isZero();
        assertRefused(run(config, "\"nbf\":" + (NOW + 1)), Map.of("nbf", "token not valid yet"));
    }

    @Test
    void verifiedClaimsMustBeNumbers() {
        Map<String, ?> config = Map.of("claims_to_verify", BOTH);

        assertRefused(run(config, "\"sub\":\"1\""), Map.of("exp", "must be a number", "nbf", "must be a number"));
        assertRefused(run(config, "\"exp\":\"" + (NOW + 60) + "\",\"nbf\":" + NOW), Map.of("exp", "must be a number"));
    }

    @Test
    void everyFailingClaimIsReported() {
        assertRefused(run(Map.of("claims_to_verify", BOTH), "\"exp\":" + (NOW - 1) + ",\"nbf\":" + (NOW + 1)),
                Map.of("exp", "token expired", "nbf", "token not valid yet"));
    }

    @Test
    void unverifiedClaimsAreNotChecked() {
        assertThat(run(Map.of(), "\"exp\":" + (NOW - 60) + ",\"nbf\":\"soon\"").exitStatus()).isZero();
    }

    @Test
    void maximumExpirationLimitsHowLongATokenLives() {
        Map<String, ?> config = Map.of("claims_to_verify", List.of("exp"), "maximum_expiration", 3600);

        assertThat(run(config, "\"exp\":" + (NOW + 3600)).exitStatus()).isZero();
        assertRefused(run(config, "\"exp\":" + (NOW + 3601)), Map.of("exp", "exceeds maximum allowed expiration"));
        // An expired token is reported as expired, not as too long-lived.
        assertRefused(run(config, "\"exp\":" + (NOW - 1)), Map.of("exp", "token expired"));
    }

    @Test
    void theSignatureIsCheckedBeforeTheClaims() {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
        String forged = Tokens.hs256("{\"iss\":\"alice-key\",\"exp\":1}", "wrong");

        FakePluginContext ctx = JwtPluginTest.run(Map.of("claims_to_verify", BOTH),
                bearer(forged).services(new FakeHostServices(clock)));

        JwtPluginTest.assertRefused(ctx, "Invalid signature");
    }
}
