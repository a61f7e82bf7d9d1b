package dev.tollgate.plugins.aisanitizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.testkit.FakePluginContext;
import dev.tollgate.sdk.testkit.SimpleChatRequest;

/**
 * Microbenchmark (a main, not a test): µs per ~2 KB prompt for detection alone (every detector) and
 * for the whole access phase in placeholder mode (detection, placeholders, the rewritten message;
 * the request contexts are built outside the timed region). Each figure is the mean of a batch of
 * 1,000 calls; min, median and p90 are over the batches.
 * Prompts are support-ticket prose with dates, versions, amounts and order numbers, three or four
 * with personal data, and a "dense" kind where every sentence carries numbers or data.
 *
 * <pre>
 * mvn -q -pl builtin-plugins -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp builtin-plugins/target/test-classes:builtin-plugins/target/classes:$(cat builtin-plugins/target/cp.txt) \
 *      SanitizerBench
 * </pre>
 */
public final class SanitizerBench {
    private static final String[] PROSE = {
        "Our deployment has failed since this morning's maintenance window and nobody knows why.",
        "The container exits with code 137 right after the health check starts, version 3.2.0 of the CLI.",
        "Order #48213-2291 was placed on 2024-03-14 and the invoice total was 1,249.50 USD.",
        "Seit dem Update auf 2.18.4 am 12.05.2024 um 14:30 Uhr bricht der Export ab.",
        "Le ticket a été ouvert le 15/03/2024 et le montant de 1 250,00 € est toujours bloqué.",
        "I already tried scaling down to two replicas and back up again, which did not help at all.",
        "Please treat this as urgent: the quarterly report runs tonight and depends on this service.",
        "For reference, the last good deploy was tag v2.18.4, commit 9f3c2e1, two days ago at 09:40 UTC.",
    };
    private static final String[] PERSONAL = {
        "You can reach me at jane.doe@example.com or on my mobile, (415) 555-0134, until 6 pm.",
        "Mi compañero Marc (marc.dupont+alerts@acme-corp.co.uk, +44 20 7946 0958) lleva la facturación.",
        "For the identity check my SSN is 123-45-6789; charge the card 4111 1111 1111 1111 for the upgrade.",
        "Bitte überweisen Sie die Erstattung auf DE89 3704 0044 0532 0130 00, danke.",
        "The failing client is 203.0.113.45 and our key AKIAIOSFODNN7EXAMPLE was rotated yesterday.",
    };

    private SanitizerBench() {
    }

    static String prompt(int i, boolean dense) {
        Random random = new Random(77L + i);
        StringBuilder text = new StringBuilder(2100);
        int personalLeft = dense ? Integer.MAX_VALUE : 3 + i % 2;
        while (text.length() < 2000) {
            boolean personal = personalLeft > 0 && (dense || random.nextInt(3) == 0);
            String s = personal ? PERSONAL[random.nextInt(PERSONAL.length)] : PROSE[random.nextInt(PROSE.length)];
            personalLeft -= personal ? 1 : 0;
            text.append(text.isEmpty() ? "" : " ").append(s);
        }
        return text.toString();
    }

    public static void main(String[] args) {
        int prompts = 16;
        for (boolean dense : new boolean[] {false, true}) {
            String[] texts = new String[prompts];
            for (int i = 0; i < prompts; i++) {
                texts[i] = prompt(i, dense);
            }
            String kind = dense ? "dense" : "typical";
            PiiScanner scanner = Detectors.scanner(List.of("all_and_credentials"), List.of());
            report("detect, " + kind, texts, (i, t) -> scanner.scan(t).size());
            Plugin plugin = new AiSanitizerPluginFactory().create(new AiSanitizerPluginFactory().configSchema().validate(Map.of()));
            report("access (placeholder), " + kind, texts, new Call() {
                private final FakePluginContext[] contexts = new FakePluginContext[BATCH];

                @Override
                public void prepare(String[] batch) {
                    for (int i = 0; i < BATCH; i++) {
                        contexts[i] = FakePluginContext.builder().chat(new SimpleChatRequest("m").user(batch[i])).build()
                                .in(Phase.ACCESS);
                    }
                }

                @Override
                public int call(int i, String text) {
                    plugin.access(contexts[i]);
                    return contexts[i].llm().request().orElseThrow().messages().getFirst().content().length();
                }
            });
        }
    }

    /** One timed call; {@link #prepare} builds what a batch of calls needs, outside the timed region. */
    private interface Call {
        default void prepare(String[] batch) {
        }

        int call(int i, String text);
    }

    private static final int BATCH = 1_000;

    private static void report(String name, String[] texts, Call call) {
        String[] batch = new String[BATCH];
        for (int i = 0; i < BATCH; i++) {
            batch[i] = texts[i % texts.length];
        }
        long sink = 0;
        for (int b = 0; b < 50; b++) { // warm-up: JIT
            call.prepare(batch);
            for (int i = 0; i < BATCH; i++) {
                sink += call.call(i, batch[i]);
            }
        }
        List<Double> perCall = new ArrayList<>();
        long until = System.nanoTime() + 10_000_000_000L;
        for (int b = 0; b < 200 && System.nanoTime() < until; b++) {
            call.prepare(batch);
            long start = System.nanoTime();
            for (int i = 0; i < BATCH; i++) {
                sink += call.call(i, batch[i]);
            }
            perCall.add((System.nanoTime() - start) / 1_000.0 / BATCH);
        }
        double[] sorted = perCall.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double avgChars = Arrays.stream(texts).mapToInt(String::length).average().orElse(0);
        System.out.printf(Locale.ROOT, "%-32s %5.0f chars  µs/prompt: min %.1f  median %.1f  p90 %.1f  (%d batches of %d; %d)%n",
                name, avgChars, sorted[0], sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.9)], sorted.length,
                BATCH, sink % 10);
    }
}
