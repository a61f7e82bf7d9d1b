package dev.tollgate.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.spi.PluginLoadException;
import dev.tollgate.sdk.testkit.FakePluginContext;
import org.junit.jupiter.api.Test;

/**
 * Scripts that do not stop when told to. GraalVM CE cannot stop every script in-process; what
 * must hold is that one such script never takes the limits of other scripts with it, is
 * disabled instead of lent again, and never holds up shutdown.
 */
class RunawayScriptTest {
    /**
     * The probe's script: deep in its recursion it catches the stack overflow that the interrupt
     * (and the cancel after it) turns into, so neither gets through, and it never ends. It keeps
     * a core busy until the JVM exits, which is why this class runs in a JVM of its own (see the
     * module's POM).
     */
    private static final String DEFIANT = """
            export const name = "defiant";
            export function access(ctx) {
              if (!ctx.request.header("x-defy")) { return; }
              const f = n => { try { return f(n + 1) + 1 } catch (e) { return f(n + 1) } };
              f(0);
            }
            """;

    private static ScriptLimits limits(long ms) {
        return ScriptLimits.defaults().withTimeLimit(Duration.ofMillis(ms)).withColdCallTimeLimit(Duration.ofMillis(ms));
    }

    @Test
    void aScriptThatDefeatsItsInterruptIsDisabledAndOthersKeepTheirLimits() throws Exception {
        ScriptEngine engine = ScriptEngine.create(Scripts.ENGINE.logger());
        // A fresh engine's first module takes about a second: the cold limit allows for it.
        var source = new JsPluginSource(engine, limits(300).withColdCallTimeLimit(Duration.ofSeconds(10)));
        var defiant = Scripts.load(source, "defiant.js", DEFIANT);
        Plugin d = defiant.create(defiant.configSchema().validate(Map.of()));
        d.access(FakePluginContext.builder().build()); // the context is warm: the 300 ms limit applies
        Thread.ofVirtual().start(() -> d.access(FakePluginContext.builder().header("x-defy", "1").build()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (defiant.pool().lostContexts() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(defiant.pool().lostContexts()).as("contexts lost").isEqualTo(1);

        // Lent no more: the next call is refused at once, naming why.
        long start = System.nanoTime();
        assertThatThrownBy(() -> d.access(FakePluginContext.builder().build()))
                .isInstanceOf(ScriptFailedException.class)
                .hasMessageStartingWith("defiant.js: disabled: a call did not stop within 1000 ms of being interrupted");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));

        // Another script on the same engine and watchdog is still stopped at its limit.
        var bounded = Scripts.load(source, "bounded.js", """
                export const name = "bounded";
                export function access(ctx) { const t = Date.now(); while (ctx.request.header("x-slow") && Date.now() - t < 5000) {} }
                """);
        Plugin b = bounded.create(bounded.configSchema().validate(Map.of()));
        b.access(FakePluginContext.builder().build());
        start = System.nanoTime();
        assertThatThrownBy(() -> b.access(FakePluginContext.builder().header("x-slow", "1").build()))
                .hasMessage("bounded.js: stopped after 300 ms (time limit)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));

        // Closing the engine does not wait on the runaway for ever.
        start = System.nanoTime();
        engine.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(ScriptEngine.CLOSE_WAIT_MS + 1_000));
    }

    @Test
    void topLevelCodeThatRunsOverTheLimitIsRefusedAtLoad() {
        var source = new JsPluginSource(Scripts.ENGINE, limits(400));
        long start = System.nanoTime();
        assertThatThrownBy(() -> Scripts.load(source, "slowtop.js", """
                export const name = "slowtop";
                const big = "x".repeat(2_000_000);
                let found = 0;
                for (let i = 0; i < 1_000_000; i++) { found += big.indexOf("y", i % 1000); }
                export function access(ctx) {}
                """))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("slowtop.js: top-level code stopped after 400 ms (time limit): a module's top level must finish "
                        + "within the limit of a first call");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
}
