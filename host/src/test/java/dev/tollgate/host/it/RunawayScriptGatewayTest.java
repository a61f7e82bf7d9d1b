package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe's script that cannot be stopped, in a running gateway: it is disabled after its
 * first request, the time limit of other scripts keeps working, and the gateway still stops in
 * bounded time. Runs in a JVM of its own (see the module's POM): the runaway keeps a core busy.
 */
class RunawayScriptGatewayTest {
    @TempDir
    Path dir;

    @Test
    void aScriptThatCannotBeStoppedIsDisabledAndTakesNothingElseWithIt() throws Exception {
        TestGateway t = TestGateway.start("h2", dir);
        try (LogCapture errors = LogCapture.of("dev.tollgate.scripts")) {
            expect(201, t.postForm(t.admin("/services"), "name=echo", "url=" + t.mock.baseUrl() + "/echo/x"));
            expect(201, t.postForm(t.admin("/services/echo/routes"), "name=defy", "paths[]=/defy"));
            expect(201, t.postForm(t.admin("/services/echo/routes"), "name=slow", "paths[]=/slow"));
            expect(201, t.sendJson("POST", t.admin("/script-plugins"), ScriptPluginTest.body("""
                    export const name = "defiant";
                    export function access(ctx) {
                      if (!ctx.request.header("x-defy")) { return; }
                      const f = n => { try { return f(n + 1) + 1 } catch (e) { return f(n + 1) } };
                      f(0);
                    }
                    """)));
            expect(201, t.sendJson("POST", t.admin("/script-plugins"), ScriptPluginTest.body("""
                    export const name = "slow";
                    export function access(ctx) { const t = Date.now(); while (ctx.request.header("x-slow") && Date.now() - t < 5000) {} }
                    """)));
            expect(201, t.postForm(t.admin("/routes/defy/plugins"), "name=defiant"));
            expect(201, t.postForm(t.admin("/routes/slow/plugins"), "name=slow"));
            expect(200, t.get(t.proxy("/defy")));
            expect(200, t.get(t.proxy("/slow")));

            // The runaway request itself cannot be answered: its thread is the one still running.
            try {
                t.http.send(HttpRequest.newBuilder(URI.create(t.proxy("/defy"))).header("x-defy", "1")
                        .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException timedOut) {
                // expected
            }
            assertThat(errors.all()).anySatisfy(e -> assertThat(e).contains("defiant.js: a call did not stop")
                    .contains("the script is disabled until it is reloaded"));

            long start = System.nanoTime();
            expect(500, t.get(t.proxy("/defy"))); // refused at once
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

            start = System.nanoTime();
            expect(500, t.send(HttpRequest.newBuilder(URI.create(t.proxy("/slow"))).header("x-slow", "1").GET().build()));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the other script's time limit")
                    .isLessThan(Duration.ofMillis(2_500));
        } finally {
            long start = System.nanoTime();
            t.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("gateway shutdown").isLessThan(Duration.ofSeconds(20));
        }
    }
}
