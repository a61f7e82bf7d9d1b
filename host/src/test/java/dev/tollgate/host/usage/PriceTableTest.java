package dev.tollgate.host.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.tollgate.db.ModelPrice;
import org.junit.jupiter.api.Test;

/** Which price a provider's model gets, and what a call costs. */
class PriceTableTest {
    private static final ModelPrice GPT4O = price("openai", "gpt-4o", 2.5, 10, 1.25);
    private static final ModelPrice GPT4O_MINI = price("openai", "gpt-4o-mini", 0.15, 0.6, 0.075);
    private static final ModelPrice GPT4O_ANY = price(null, "gpt-4o", 3, 12, null);
    private static final ModelPrice LLAMA_ANY = price(null, "llama-3.1", 0.5, 0.8, null);
    private static final ModelPrice LLAMA_70B_GROQ = price("groq", "llama-3.1-70b", 0.6, 0.9, null);
    private static final ModelPrice SONNET = price("anthropic", "claude-sonnet-4-5", 3, 15, 0.3);

    private static final PriceTable TABLE = PriceTable.of(List.of(GPT4O, GPT4O_MINI, GPT4O_ANY, LLAMA_ANY, LLAMA_70B_GROQ, SONNET));

    private static ModelPrice price(String provider, String model, double in, double out, Double cached) {
        return new ModelPrice(UUID.randomUUID().toString(), provider, model, in, out, cached, null, "USD", List.of(), 1, 1);
    }

    @Test
    void theProvidersOwnPriceThenAnyProvidersThenTheLongestDashedPrefix() {
        assertThat(TABLE.find("openai", "gpt-4o")).contains(GPT4O);
        assertThat(TABLE.find("azure", "gpt-4o")).contains(GPT4O_ANY);
        assertThat(TABLE.find(null, "gpt-4o")).contains(GPT4O_ANY);
        assertThat(TABLE.find("openai", "gpt-4o-2024-08-06")).contains(GPT4O);
        assertThat(TABLE.find("openai", "gpt-4o-mini")).contains(GPT4O_MINI);
        assertThat(TABLE.find("openai", "gpt-4o-mini-2024-07-18")).contains(GPT4O_MINI);
        assertThat(TABLE.find("anthropic", "claude-sonnet-4-5-20250929")).contains(SONNET);
        // A prefix must end at a dash: gpt-4oo is another model.
        assertThat(TABLE.find("openai", "gpt-4oo")).isEmpty();
        // Groq's own longer name beats the any-provider one; elsewhere only any provider's applies.
        assertThat(TABLE.find("groq", "llama-3.1-70b-versatile")).contains(LLAMA_70B_GROQ);
        assertThat(TABLE.find("together", "llama-3.1-70b-instruct")).contains(LLAMA_ANY);
        // Another provider's price never applies.
        assertThat(TABLE.find("bedrock", "claude-sonnet-4-5")).isEmpty();
        assertThat(TABLE.find("openai", null)).isEmpty();
        assertThat(PriceTable.empty().find("openai", "gpt-4o")).isEmpty();
    }

    @Test
    void costCountsCachedPromptTokensAtTheCachedPrice() {
        // (1000 - 400) * 2.5 + 400 * 1.25 + 200 * 10 = 1500 + 500 + 2000 per million
        assertThat(PriceTable.cost(GPT4O, 1000, 200, 400)).isCloseTo(0.004, within(1e-12));
        // No cached price: cached tokens cost the input price.
        assertThat(PriceTable.cost(LLAMA_ANY, 1000, 0, 400)).isCloseTo(0.0005, within(1e-12));
        // More cached than prompt tokens is read as all of them.
        assertThat(PriceTable.cost(GPT4O, 100, 0, 500)).isCloseTo(100 * 1.25 / 1e6, within(1e-15));
        assertThat(PriceTable.cost(GPT4O, 0, 0, 0)).isZero();
    }

    @Test
    void reasoningTokensCostTheReasoningPriceWhenOneIsSet() {
        ModelPrice o3 = new ModelPrice("id", "openai", "o3", 2, 8, 0.5, 12.0, "USD", List.of(), 1, 1);
        // (100 - 40) * 2 + 40 * 0.5 + (50 - 30) * 8 + 30 * 12 = 120 + 20 + 160 + 360 per million
        assertThat(PriceTable.cost(o3, 100, 50, 40, 30)).isCloseTo(660 / 1e6, within(1e-15));
        // Without a reasoning price they are output tokens like the rest.
        assertThat(PriceTable.cost(GPT4O, 0, 50, 0, 30)).isCloseTo(500 / 1e6, within(1e-15));
        // Never more reasoning than completion tokens.
        assertThat(PriceTable.cost(o3, 0, 10, 0, 30)).isCloseTo(120 / 1e6, within(1e-15));
    }

    @Test
    void lookupsDoNotAllocate() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String dated = "gpt-4o-mini-2024-07-18";
        Optional<ModelPrice> last = Optional.empty();
        for (int i = 0; i < 20_000; i++) { // warm up
            last = TABLE.find("openai", dated);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            last = TABLE.find(i % 2 == 0 ? "openai" : "groq", i % 3 == 0 ? dated : "gpt-4o");
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(last).isPresent();
        assertThat(allocated).as("bytes allocated by 100,000 lookups").isLessThan(10_000);
    }
}
