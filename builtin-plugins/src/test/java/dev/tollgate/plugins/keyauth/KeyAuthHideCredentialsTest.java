package dev.tollgate.plugins.keyauth;

import static dev.tollgate.plugins.keyauth.KeyAuthPluginTest.INVALID;
import static dev.tollgate.plugins.keyauth.KeyAuthPluginTest.assertAuthenticatedAsAlice;
import static dev.tollgate.plugins.keyauth.KeyAuthPluginTest.assertRefused;
import static dev.tollgate.plugins.keyauth.KeyAuthPluginTest.body;
import static dev.tollgate.plugins.keyauth.KeyAuthPluginTest.formRequest;
import static dev.tollgate.plugins.keyauth.KeyAuthPluginTest.request;
import static dev.tollgate.plugins.keyauth.KeyAuthPluginTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tollgate.sdk.testkit.FakePluginContext;

/** {@code hide_credentials}: the upstream never sees the key. */
class KeyAuthHideCredentialsTest {
    private static final Map<String, ?> HIDE = Map.of("hide_credentials", true);
    private static final Map<String, ?> HIDE_WITH_BODY = Map.of("hide_credentials", true, "key_in_body", true);

    @Test
    void removesTheHeader() {
        FakePluginContext ctx = run(HIDE, request().header("apikey", "secret-1").header("accept", "*/*"));

        assertAuthenticatedAsAlice(ctx);
        assertThat(ctx.upstreamHeaders()).doesNotContainKey("apikey").containsKey("accept");
    }

    @Test
    void removesTheQueryParameter() {
        FakePluginContext ctx = run(HIDE, request().rawQuery("model=gpt&apikey=secret-1&stream=true"));

        assertAuthenticatedAsAlice(ctx);
        assertThat(ctx.upstreamRequest().rawQuery()).isEqualTo("model=gpt&stream=true");
    }

    @Test
    void removesTheFormField() {
        FakePluginContext ctx = run(HIDE_WITH_BODY, formRequest("model=gpt-4o&apikey=secret-1&note=a+b%21"));

        assertAuthenticatedAsAlice(ctx);
        assertThat(body(ctx)).isEqualTo("model=gpt-4o&note=a+b%21");
    }

    @Test
    void removesTheJsonMemberAndKeepsTheOthersAsSent() {
        var request = request().method("POST").header("Content-Type", "application/json")
                .body("{\"model\": \"gpt-4o\", \"apikey\": \"secret-1\", \"messages\": [{\"role\": \"user\"}]}");

        FakePluginContext ctx = run(HIDE_WITH_BODY, request);

        assertAuthenticatedAsAlice(ctx);
        assertThat(body(ctx)).isEqualTo("{\"model\": \"gpt-4o\",\"messages\": [{\"role\": \"user\"}]}");
    }

    @Test
    void removesEveryCopyOfTheNameWhereverTheKeyWasFound() {
        var request = formRequest("apikey=copy&x=1").header("apikey", "secret-1").rawQuery("apikey=copy");

        FakePluginContext ctx = run(HIDE_WITH_BODY, request);

        assertAuthenticatedAsAlice(ctx);
        assertThat(ctx.upstreamHeaders()).doesNotContainKey("apikey");
        assertThat(ctx.upstreamRequest().rawQuery()).isEmpty();
        assertThat(body(ctx)).isEqualTo("x=1");
    }

    @Test
    void hidesEvenAnInvalidKey() {
        FakePluginContext ctx = run(HIDE, request().header("apikey", "nope"));

        assertRefused(ctx, INVALID);
        assertThat(ctx.upstreamHeaders()).doesNotContainKey("apikey");
    }

    @Test
    void leavesTheBodyAloneWhenItHoldsNoKey() {
        FakePluginContext ctx = run(HIDE_WITH_BODY, formRequest("model=gpt").header("apikey", "secret-1"));

        assertAuthenticatedAsAlice(ctx);
        assertThat(body(ctx)).isEqualTo("model=gpt");
        assertThat(ctx.upstreamHeaders()).doesNotContainKey("apikey");
    }

    @Test
    void keepsEverythingByDefault() {
        FakePluginContext ctx = run(Map.of("key_in_body", true), formRequest("apikey=secret-1"));

        assertAuthenticatedAsAlice(ctx);
        assertThat(body(ctx)).isEqualTo("apikey=secret-1");
        assertThat(ctx.upstreamHeaders()).containsEntry("content-type", List.of("application/x-www-form-urlencoded"));
    }
}
