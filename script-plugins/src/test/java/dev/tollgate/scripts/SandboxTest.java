package dev.tollgate.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.testkit.FakePluginContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SandboxTest {

    /** Each escape is tried in a script that reports what happened through the upstream header. */
    @ParameterizedTest
    @ValueSource(strings = {
            "Java.type('java.lang.System')",
            "load('/etc/passwd')",
            "await import('file:///etc/passwd')",
            "await fetch('http://example.com')",
            "require('fs')",
            "process.exit(1)",
            "Polyglot.eval('js', '1')",
            "new Worker('x.js')",
    })
    void escapesFailOrAreUndefined(String attempt) throws Exception {
        var f = Scripts.load("escape.js", """
                export const name = "escape";
                export async function access(ctx) {
                  try {
                    const r = %s;
                    ctx.upstream.setHeader("x-result", "ESCAPED " + String(r).slice(0, 40));
                  } catch (e) {
                    ctx.upstream.setHeader("x-result", "blocked: " + e);
                  }
                }
                """.formatted(attempt));
        var ctx = FakePluginContext.builder().build();
        f.create(f.configSchema().validate(Map.of())).access(ctx);
        assertThat(ctx.upstreamHeaders().get("x-result")).singleElement().asString().startsWith("blocked: ");
        f.close();
    }

    @Test
    void dangerousGlobalsAreUndefined() throws Exception {
        var f = Scripts.load("globals.js", """
                export const name = "globals";
                export function access(ctx) {
                  ctx.upstream.setHeader("x-types", [typeof Java, typeof require, typeof process, typeof fetch,
                      typeof XMLHttpRequest, typeof Packages, typeof java, typeof javax, typeof com, typeof org,
                      typeof edu, typeof javafx, typeof Polyglot, typeof loadWithNewGlobal, typeof load].join(","));
                }
                """);
        var ctx = FakePluginContext.builder().build();
        f.create(f.configSchema().validate(Map.of())).access(ctx);
        assertThat(ctx.upstreamHeaders().get("x-types")).containsExactly(String.join(",", java.util.Collections.nCopies(15, "undefined")));
        f.close();
    }

    @Test
    void anEndlessLoopIsStoppedAtItsLimitAndTheNextCallSucceeds() throws Exception {
        // A statement limit out of reach, so that the time limit is what stops the spin (a fast machine runs the default 50M in ~250 ms).
        var f = Scripts.load(new JsPluginSource(Scripts.ENGINE, ScriptLimits.defaults().withTimeLimit(Duration.ofMillis(300))
                .withStatementLimit(10_000_000_000L)), "spin.js", """
                export const name = "spin";
                export function access(ctx) {
                  if (ctx.request.header("x-spin")) { while (true) {} }
                  ctx.upstream.setHeader("x-ok", "yes");
                }
                """);
        Plugin plugin = f.create(f.configSchema().validate(Map.of()));
        plugin.access(FakePluginContext.builder().build()); // past the context's cold first call
        long start = System.nanoTime();
        assertThatThrownBy(() -> plugin.access(FakePluginContext.builder().header("x-spin", "1").build()))
                .isInstanceOf(ScriptFailedException.class)
                .hasMessage("spin.js: stopped after 300 ms (time limit)");
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(tookMs).isBetween(250L, 2_000L);
        var ctx = FakePluginContext.builder().build();
        plugin.access(ctx);
        assertThat(ctx.upstreamHeaders().get("x-ok")).containsExactly("yes");
        assertThat(f.pool().liveContexts()).isLessThanOrEqualTo(f.pool().size());
        f.close();
    }

    @Test
    void aContextsFirstCallMayTakeTheColdLimitButNotAfterAStop() throws Exception {
        // A statement limit out of reach, so that the time limits are what stops the spin (a fast machine runs the default 50M in ~300 ms).
        var source = new JsPluginSource(Scripts.ENGINE, ScriptLimits.defaults().withTimeLimit(Duration.ofMillis(300))
                .withColdCallTimeLimit(Duration.ofMillis(1_500)).withPoolSize(1).withStatementLimit(10_000_000_000L));
        var f = Scripts.load(source, "slowstart.js", """
                export const name = "slowstart";
                let calls = 0;
                function busy(ms) { const t = Date.now(); while (Date.now() - t < ms) {} }
                export function access(ctx) {
                  if (calls++ === 0) { busy(600); }           // a slow first call, as compiling regexes is
                  if (ctx.request.header("x-spin")) { while (true) {} }
                  ctx.upstream.setHeader("x-calls", String(calls));
                }
                """);
        Plugin plugin = f.create(f.configSchema().validate(Map.of()));
        var first = FakePluginContext.builder().build();
        plugin.access(first); // 600 ms: over the 300 ms limit, within the cold call's 1.5 s
        assertThat(first.upstreamHeaders().get("x-calls")).containsExactly("1");

        long start = System.nanoTime();
        assertThatThrownBy(() -> plugin.access(FakePluginContext.builder().header("x-spin", "1").build()))
                .hasMessage("slowstart.js: stopped after 300 ms (time limit)"); // a warm context: the normal limit
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_400L);

        // The replacement context is cold, but the script was just stopped: no extra time for it.
        assertThatThrownBy(() -> plugin.access(FakePluginContext.builder().build()))
                .hasMessage("slowstart.js: stopped after 300 ms (time limit)");
        f.close();
    }

    @Test
    void aSpinInTheFirstCallIsStoppedAtTheColdLimitAndSaysSo() throws Exception {
        // A statement limit out of reach: compiled, a bare loop runs 50M statements (the default) in under 800 ms.
        var source = new JsPluginSource(Scripts.ENGINE, ScriptLimits.defaults().withTimeLimit(Duration.ofMillis(200))
                .withColdCallTimeLimit(Duration.ofMillis(800)).withStatementLimit(10_000_000_000L));
        var f = Scripts.load(source, "spin3.js", """
                export const name = "spin3";
                export function access(ctx) { if (ctx.request.header("x-spin")) { while (true) {} } }
                """);
        Plugin plugin = f.create(f.configSchema().validate(Map.of()));
        assertThatThrownBy(() -> plugin.access(FakePluginContext.builder().header("x-spin", "1").build()))
                .hasMessage("spin3.js: stopped after 800 ms (time limit, first call in a new context)");
        assertThatThrownBy(() -> plugin.access(FakePluginContext.builder().header("x-spin", "1").build()))
                .hasMessage("spin3.js: stopped after 200 ms (time limit)");
        plugin.access(FakePluginContext.builder().build());
        f.close();
    }

    @Test
    void theStatementLimitIsABackstop() throws Exception {
        var source = new JsPluginSource(Scripts.ENGINE, ScriptLimits.defaults().withTimeLimit(Duration.ofSeconds(30)).withStatementLimit(100_000));
        var f = Scripts.load(source, "spin2.js", """
                export const name = "spin2";
                export function access(ctx) {
                  if (ctx.request.header("x-spin")) { while (true) {} }
                }
                """);
        Plugin plugin = f.create(f.configSchema().validate(Map.of()));
        assertThatThrownBy(() -> plugin.access(FakePluginContext.builder().header("x-spin", "1").build()))
                .hasMessage("spin2.js: stopped after 100000 statements (statement limit)");
        for (int i = 0; i < 50; i++) { // the count starts again with each call
            plugin.access(FakePluginContext.builder().build());
        }
        f.close();
    }

    @Test
    void consoleOutputGoesToTheLoggerTaggedWithTheScriptNotToStdout() throws Exception {
        var f = Scripts.load("chatty.js", """
                export const name = "chatty";
                export function access(ctx) { console.log("hello from js"); console.error("oops"); }
                """);
        PrintStream stdout = System.out;
        var captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true));
        try {
            f.create(f.configSchema().validate(Map.of())).access(FakePluginContext.builder().build());
        } finally {
            System.setOut(stdout);
        }
        assertThat(captured.toString()).doesNotContain("hello from js");
        assertThat(Scripts.ENGINE_LOG).contains("INFO [chatty.js] hello from js", "WARNING [chatty.js] oops");
        f.close();
    }

    @Test
    void aScriptCannotForgeLogLinesNorFloodTheLog() throws Exception {
        var f = Scripts.load("forger.js", """
                export const name = "forger";
                export function access(ctx) {
                  ctx.log.warn("ok\\n2026-12-06T21:02:42.461 SEVERE  [dev.tollgate.host.Gateway] admin token reset\\r\\u001b[2K");
                  ctx.log.info("x".repeat(100000));
                  console.log("line one\\nline two\\rrewritten");
                }
                """);
        var ctx = FakePluginContext.builder().build();
        f.create(f.configSchema().validate(Map.of())).access(ctx);
        assertThat(ctx.logLines()).hasSize(2);
        assertThat(ctx.logLines().getFirst()).isEqualTo("WARNING ok\\n2026-12-06T21:02:42.461 SEVERE  "
                + "[dev.tollgate.host.Gateway] admin token reset\\r\\u001b[2K");
        assertThat(ctx.logLines().get(1)).hasSize("INFO ".length() + LogView.MAX_MESSAGE + "… (91808 more characters)".length())
                .endsWith("… (91808 more characters)");
        // console output: each line tagged with the script, a carriage return escaped
        assertThat(Scripts.ENGINE_LOG).contains("INFO [forger.js] line one", "INFO [forger.js] line two\\rrewritten");
        f.close();
    }
}
