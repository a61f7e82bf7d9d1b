package dev.tollgate.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.testkit.FakePluginContext;
import org.junit.jupiter.api.Test;

class ContextPoolTest {
    private static final String TRIVIAL = """
            export const name = "trivial";
            export function access(ctx, config) { ctx.upstream.setHeader("x-n", config.n); }
            export const schema = { n: { type: "string", default: "1", description: "N." } };
            """;

    @Test
    void aHundredThousandCallsKeepTheHeapBounded() throws Exception {
        var f = Scripts.load("trivial.js", TRIVIAL);
        Plugin plugin = f.create(f.configSchema().validate(Map.of()));
        var ctx = FakePluginContext.builder().build();
        for (int i = 0; i < 20_000; i++) {
            plugin.access(ctx);
        }
        long before = usedHeapAfterGc();
        long start = System.nanoTime();
        int calls = 100_000;
        for (int i = 0; i < calls; i++) {
            plugin.access(ctx);
        }
        double usPerCall = (System.nanoTime() - start) / 1_000.0 / calls;
        long growth = usedHeapAfterGc() - before;
        System.out.printf("trivial access(): %.2f us/call (%s), heap growth %d KB, contexts created %d%n",
                usPerCall, Scripts.ENGINE.mode(), growth / 1024, f.pool().createdContexts());
        assertThat(growth).isLessThan(20L * 1024 * 1024);
        assertThat(f.pool().createdContexts()).isEqualTo(1);
        f.close();
    }

    @Test
    void eightConcurrentCallersNeverGetMoreContextsThanThePoolSize() throws Exception {
        var f = Scripts.load("trivial2.js", TRIVIAL.replace("trivial", "trivial2"));
        Plugin plugin = f.create(f.configSchema().validate(Map.of()));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        var ctx = FakePluginContext.builder().build();
                        plugin.access(ctx);
                        assertThat(ctx.upstreamHeaders().get("x-n")).containsExactly("1");
                    }
                }));
            }
            for (Future<?> d : done) {
                d.get();
            }
        } finally {
            threads.shutdown();
        }
        assertThat(f.pool().peakContexts()).isLessThanOrEqualTo(f.pool().size());
        assertThat(f.pool().createdContexts()).isLessThanOrEqualTo(f.pool().size());
        assertThat(f.pool().size()).isGreaterThanOrEqualTo(2);
        f.close();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
