package dev.tollgate.host.admin;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.tollgate.db.EntityKind;
import dev.tollgate.db.ModelPrice;

/** Model prices: per million tokens, for one provider or any, found by their model name. */
final class ModelPriceCodec implements EntityCodec<ModelPrice> {
    /** A provider's configuration name; never '|', which separates it from the model in the store's key. */
    private static final Pattern PROVIDER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern MODEL = Pattern.compile("[^\\p{Cntrl}]{1,256}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");

    @Override
    public EntityKind<ModelPrice> kind() {
        return EntityKind.MODEL_PRICES;
    }

    @Override
    public Set<String> fields() {
        return Set.of("provider", "model", "input_cost", "output_cost", "cached_input_cost", "reasoning_output_cost", "currency", "tags");
    }

    @Override
    public ModelPrice build(FieldReader r, Meta meta, References refs) {
        String provider = r.string("provider", PROVIDER, "a provider name: letters, digits, '.', '-' or '_', at most 64").orElse(null);
        String model = r.string("model", MODEL, "1..256 printable characters").orElse(null);
        Double input = r.number("input_cost", 0);
        Double output = r.number("output_cost", 0);
        Double cached = r.number("cached_input_cost", 0);
        Double reasoning = r.number("reasoning_output_cost", 0);
        for (String required : new String[] {"model", "input_cost", "output_cost"}) {
            if (!r.has(required)) {
                r.error(required, "required field missing");
            }
        }
        String currency = r.string("currency", CURRENCY, "a three-letter ISO 4217 code such as USD").orElse("USD");
        return new ModelPrice(meta.id(), provider, model, input == null ? 0 : input, output == null ? 0 : output,
                cached, reasoning, currency.toUpperCase(Locale.ROOT), Tags.read(r), meta.createdAt(), meta.updatedAt());
    }
}
