package dev.tollgate.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Model prices on both databases: the seeded defaults, one price per provider and model, lookups by model. */
class ModelPriceStoreTest {
    @TempDir
    static Path tmp;

    private static ConfigStore open(String mode) {
        var m = mode.equals("h2") ? TestDatabases.h2(tmp.resolve(UUID.randomUUID().toString())) : TestDatabases.postgres();
        return ConfigStore.open(m.settings());
    }

    private static ModelPrice price(String provider, String model, double in, double out) {
        return new ModelPrice(UUID.randomUUID().toString(), provider, model, in, out, null, null, "USD", List.of(), 1, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void theMigrationSeedsEditableDefaultsInTheSnapshotData(String mode) {
        try (ConfigStore store = open(mode)) {
            List<ModelPrice> prices = store.loadAll().modelPrices();
            assertThat(prices).extracting(ModelPrice::model)
                    .contains("gpt-4o", "gpt-4o-mini", "text-embedding-3-small", "claude-sonnet-4-5", "gemini-2.5-flash");
            ModelPrice gpt4o = store.find(EntityKind.MODEL_PRICES, "gpt-4o").orElseThrow();
            assertThat(gpt4o.provider()).isEqualTo("openai");
            assertThat(List.of(gpt4o.inputCost(), gpt4o.outputCost(), gpt4o.effectiveCachedInputCost()))
                    .containsExactly(2.5, 10.0, 1.25);
            ModelPrice embedding = store.find(EntityKind.MODEL_PRICES, "text-embedding-3-small").orElseThrow();
            assertThat(embedding.cachedInputCost()).isNull();
            assertThat(embedding.effectiveCachedInputCost()).isEqualTo(0.02);
            assertThat(prices).allSatisfy(p -> assertThat(p.tags()).containsExactly("default"));

            ModelPrice cheaper = new ModelPrice(gpt4o.id(), "openai", "gpt-4o", 2.0, 8.0, null, null, "USD", List.of(), 1, 2);
            assertThat(store.update(EntityKind.MODEL_PRICES, cheaper)).isPresent();
            assertThat(store.find(EntityKind.MODEL_PRICES, gpt4o.id()).orElseThrow().inputCost()).isEqualTo(2.0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void onePricePerProviderAndModelAnyProviderIncluded(String mode) {
        try (ConfigStore store = open(mode)) {
            store.insert(EntityKind.MODEL_PRICES, price(null, "llama-3.1-70b", 0.5, 0.8));
            assertThatThrownBy(() -> store.insert(EntityKind.MODEL_PRICES, price(null, "llama-3.1-70b", 1, 1)))
                    .isInstanceOfSatisfying(StoreException.Duplicate.class, e -> {
                        assertThat(e.fields()).containsEntry("provider", null).containsEntry("model", "llama-3.1-70b");
                        assertThat(e.getMessage()).contains("provider=null,model=\"llama-3.1-70b\"");
                    });
            assertThatThrownBy(() -> store.insert(EntityKind.MODEL_PRICES, price("openai", "gpt-4o", 1, 1)))
                    .isInstanceOf(StoreException.Duplicate.class);

            // Another provider may price the same model; then the model alone no longer names one price.
            store.insert(EntityKind.MODEL_PRICES, price("groq", "llama-3.1-70b", 0.6, 0.9));
            assertThatThrownBy(() -> store.find(EntityKind.MODEL_PRICES, "llama-3.1-70b"))
                    .isInstanceOf(StoreException.Ambiguous.class)
                    .hasMessage("several model prices have model 'llama-3.1-70b': use the id");
        }
    }
}
