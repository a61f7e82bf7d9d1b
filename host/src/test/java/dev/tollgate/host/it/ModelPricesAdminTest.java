package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.db.ModelPrice;
import org.junit.jupiter.api.Test;

/** {@code /model-prices}: the seeded defaults, CRUD by id or model, bad input, and prices reaching the snapshot. */
abstract class ModelPricesAdminTest extends StorageModeTest {
    @Test
    void theDefaultsAreListedAndEditable() {
        JsonNode defaults = json(expect(200, t.get(t.admin("/model-prices?tags=default&size=100")))).get("data");
        assertThat(defaults).hasSizeGreaterThanOrEqualTo(8);
        JsonNode gpt4o = json(expect(200, t.get(t.admin("/model-prices/gpt-4o"))));
        assertThat(gpt4o.get("provider").asText()).isEqualTo("openai");
        assertThat(gpt4o.get("input_cost").asDouble()).isEqualTo(2.5);
        assertThat(gpt4o.get("output_cost").asDouble()).isEqualTo(10.0);
        assertThat(gpt4o.get("cached_input_cost").asDouble()).isEqualTo(1.25);
        assertThat(gpt4o.get("currency").asText()).isEqualTo("USD");
        assertThat(t.gateway.snapshots().current().prices().find("openai", "gpt-4o-2024-08-06"))
                .map(ModelPrice::inputCost).contains(2.5);

        JsonNode patched = json(expect(200, t.sendJson("PATCH", t.admin("/model-prices/gpt-4o-mini"), "{\"input_cost\":0.1}")));
        assertThat(patched.get("input_cost").asDouble()).isEqualTo(0.1);
        assertThat(patched.get("output_cost").asDouble()).isEqualTo(0.6);
        assertThat(t.gateway.snapshots().current().prices().find("openai", "gpt-4o-mini")).map(ModelPrice::inputCost).contains(0.1);
    }

    @Test
    void crudByIdAndModelWithJsonAndFormBodies() {
        JsonNode created = json(expect(201, t.postForm(t.admin("/model-prices"),
                "provider=acme", "model=acme-large", "input_cost=1.5", "output_cost=4", "tags[]=team-a")));
        assertThat(created.get("cached_input_cost").isNull()).isTrue();
        assertThat(created.get("currency").asText()).isEqualTo("USD");
        assertThat(created.get("output_cost").asDouble()).isEqualTo(4.0);
        String id = created.get("id").asText();
        assertThat(json(expect(200, t.get(t.admin("/model-prices/" + id)))).get("model").asText()).isEqualTo("acme-large");
        assertThat(t.gateway.snapshots().current().prices().find("acme", "acme-large-2026-01")).isPresent();

        JsonNode put = json(expect(200, t.sendJson("PUT", t.admin("/model-prices/acme-large"),
                "{\"provider\":\"acme\",\"input_cost\":2,\"output_cost\":5,\"cached_input_cost\":0.5,\"currency\":\"eur\"}")));
        assertThat(put.get("id").asText()).isEqualTo(id);
        assertThat(put.get("currency").asText()).isEqualTo("EUR");
        assertThat(put.get("tags")).isEmpty(); // PUT replaces

        JsonNode anyProvider = json(expect(200, t.sendJson("PUT", t.admin("/model-prices/house-model"),
                "{\"input_cost\":0,\"output_cost\":0}")));
        assertThat(anyProvider.get("provider").isNull()).isTrue();
        assertThat(t.gateway.snapshots().current().prices().find("whoever", "house-model")).isPresent();

        expect(204, t.sendJson("DELETE", t.admin("/model-prices/acme-large"), null));
        expect(404, t.get(t.admin("/model-prices/" + id)));
        assertThat(t.gateway.snapshots().current().prices().find("acme", "acme-large")).isEmpty();
    }

    @Test
    void onePricePerProviderAndModel() {
        JsonNode dup = json(expect(409, t.postForm(t.admin("/model-prices"),
                "provider=openai", "model=gpt-4o", "input_cost=1", "output_cost=1")));
        assertThat(dup.get("name").asText()).isEqualTo("unique constraint violation");
        assertThat(dup.get("fields").get("provider").asText()).isEqualTo("openai");
        assertThat(dup.get("fields").get("model").asText()).isEqualTo("gpt-4o");

        expect(201, t.postForm(t.admin("/model-prices"), "model=shared-model", "input_cost=1", "output_cost=1"));
        JsonNode anyDup = json(expect(409, t.postForm(t.admin("/model-prices"), "model=shared-model", "input_cost=2", "output_cost=2")));
        assertThat(anyDup.get("fields").get("provider").isNull()).isTrue();

        // Two providers may price one model; then the model no longer names one price.
        String own = json(expect(201, t.postForm(t.admin("/model-prices"),
                "provider=groq", "model=shared-model", "input_cost=3", "output_cost=3"))).get("id").asText();
        assertThat(json(expect(409, t.get(t.admin("/model-prices/shared-model")))).get("message").asText())
                .contains("use the id");
        expect(200, t.get(t.admin("/model-prices/" + own)));
    }

    @Test
    void badInputNamesTheField() {
        JsonNode err = json(expect(400, t.sendJson("POST", t.admin("/model-prices"),
                "{\"model\":\"m\",\"input_cost\":-1,\"output_cost\":\"cheap\",\"cached_input_cost\":true,"
                        + "\"currency\":\"dollars\",\"provider\":\"a|b\"}")));
        JsonNode fields = err.get("fields");
        assertThat(fields.get("input_cost").asText()).contains("out of range (expected: >= 0)");
        assertThat(fields.get("output_cost").asText()).contains("expected a number");
        assertThat(fields.get("cached_input_cost").asText()).contains("expected a number");
        assertThat(fields.get("currency").asText()).contains("ISO 4217");
        assertThat(fields.get("provider").asText()).contains("provider name");
        assertThat(json(expect(400, t.postForm(t.admin("/model-prices"), "model=m", "colour=red")))
                .get("fields").get("colour").asText()).contains("unknown field");

        JsonNode missing = json(expect(400, t.sendJson("POST", t.admin("/model-prices"), "{}"))).get("fields");
        assertThat(missing.get("model").asText()).isEqualTo("required field missing");
        assertThat(missing.get("input_cost").asText()).isEqualTo("required field missing");
        assertThat(missing.get("output_cost").asText()).isEqualTo("required field missing");

        assertThat(json(expect(400, t.postForm(t.admin("/model-prices"), "model=m", "input_cost=-0.5", "output_cost=1e3")))
                .get("fields").fieldNames()).toIterable().containsExactlyInAnyOrder("input_cost", "output_cost");
        expect(400, t.sendJson("POST", t.admin("/model-prices"), "{\"model\":\"m\",\"input_cost\":1e400,\"output_cost\":1}"));
        expect(405, t.sendJson("DELETE", t.admin("/model-prices"), null));
    }

    /** On the embedded H2 store. */
    static final class H2 extends ModelPricesAdminTest {
        @Override
        String mode() {
            return "h2";
        }
    }

    /** On PostgreSQL. */
    static final class Postgres extends ModelPricesAdminTest {
        @Override
        String mode() {
            return "postgres";
        }
    }
}
