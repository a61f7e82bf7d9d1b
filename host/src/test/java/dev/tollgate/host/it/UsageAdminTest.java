package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.host.usage.UsageRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /usage} over records handed to the gateway's recorder, as the proxy hands them:
 * seen at once (the read flushes the recorder), filtered, paged, summed, and bad parameters named.
 */
abstract class UsageAdminTest extends StorageModeTest {
    private static final Instant NOV1 = Instant.parse("2026-11-01T09:00:00Z");
    private static final Instant NOV2 = Instant.parse("2026-11-02T18:30:00Z");

    String alice;
    String routeId;
    String serviceId;

    @BeforeAll
    void recordUsage() {
        alice = json(expect(201, t.postForm(t.admin("/consumers"), "username=alice"))).get("id").asText();
        t.chatRoute("usage-svc", "/usage-chat");
        JsonNode route = json(expect(200, t.get(t.admin("/services/usage-svc/routes")))).get("data").get(0);
        routeId = route.get("id").asText();
        serviceId = route.get("service").get("id").asText();
        var recorder = t.gateway.usageRecorder();
        recorder.record(usage(NOV1, alice, "alice", "openai", "gpt-4o", 100, 50, 0.00075, 200));
        recorder.record(usage(NOV1.plusSeconds(60), alice, "alice", "openai", "gpt-4o", 200, 100, 0.0015, 200));
        recorder.record(usage(NOV2, null, null, "anthropic", "claude-sonnet-4-5", 10, 10, 0.00018, 200));
        recorder.record(usage(NOV2.plusSeconds(1), alice, "alice", "openai", "gpt-4o-mini", 40, 0, null, 429));
    }

    private UsageRecord usage(Instant at, String consumerId, String consumerName, String provider, String model,
                              long prompt, long completion, Double cost, int status) {
        return new UsageRecord(at, "req-" + at.toEpochMilli(), consumerId, consumerName, routeId, serviceId, provider,
                model, model, "llm/v1/chat", prompt, completion, prompt + completion, 0, 0, false, cost,
                cost == null ? null : "USD", 300, 40, 2.5, status, status == 200 ? "Miss" : null, null);
    }

    private JsonNode data(String query) {
        return json(expect(200, t.get(t.admin("/usage" + query)))).get("data");
    }

    @Test
    void recordsAreListedNewestFirstTheMomentTheyWereRecorded() {
        JsonNode records = data("");
        assertThat(records).hasSize(4);
        JsonNode newest = records.get(0);
        assertThat(newest.get("at").asText()).isEqualTo("2026-11-02T18:30:01Z");
        assertThat(newest.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(newest.get("status").asInt()).isEqualTo(429);
        assertThat(newest.get("cost").isNull()).isTrue();
        assertThat(newest.get("consumer_id").asText()).isEqualTo(alice);
        assertThat(newest.get("route_id").asText()).isEqualTo(routeId);
        assertThat(records.get(1).get("cache_status").asText()).isEqualTo("Miss");
        assertThat(records.get(1).get("time_to_first_token_ms").asLong()).isEqualTo(40);
        assertThat(records.get(3).get("at").asText()).isEqualTo("2026-11-01T09:00:00Z");
    }

    @Test
    void pagesKeepTheirFilters() {
        JsonNode first = json(expect(200, t.get(t.admin("/usage?consumer=alice&size=2"))));
        assertThat(first.get("data")).hasSize(2);
        String next = first.get("next").asText();
        assertThat(next).startsWith("/usage?offset=").contains("consumer=alice").contains("size=2");
        JsonNode second = json(expect(200, t.get(t.admin(next))));
        assertThat(second.get("data")).hasSize(1);
        assertThat(second.get("data").get(0).get("at").asText()).isEqualTo("2026-11-01T09:00:00Z");
        assertThat(second.get("next").isNull()).isTrue();
    }

    @Test
    void filters() {
        assertThat(data("?consumer=alice")).hasSize(3);
        assertThat(data("?consumer=" + alice)).hasSize(3);
        assertThat(data("?consumer=nobody")).isEmpty();
        assertThat(data("?model=gpt-4o")).hasSize(2);
        assertThat(data("?provider=anthropic")).hasSize(1);
        assertThat(data("?route=" + routeId)).hasSize(4);
        assertThat(data("?service=usage-svc&status=429")).hasSize(1);
        assertThat(data("?from=2026-11-02")).hasSize(2);
        assertThat(data("?to=2026-11-01T09:00:30Z")).hasSize(1);
        assertThat(data("?from=" + NOV1.toEpochMilli() + "&to=" + (NOV1.toEpochMilli() + 1))).hasSize(1);
    }

    @Test
    void sumsPerModelConsumerDayAndProvider() {
        JsonNode byModel = data("?group_by=model");
        assertThat(byModel.get(0).get("model").asText()).isEqualTo("gpt-4o");
        assertThat(byModel.get(0).get("requests").asLong()).isEqualTo(2);
        assertThat(byModel.get(0).get("prompt_tokens").asLong()).isEqualTo(300);
        assertThat(byModel.get(0).get("completion_tokens").asLong()).isEqualTo(150);
        assertThat(byModel.get(0).get("total_tokens").asLong()).isEqualTo(450);
        assertThat(byModel.get(0).get("cost").asDouble()).isEqualTo(0.00225, org.assertj.core.api.Assertions.within(1e-12));

        JsonNode byConsumer = data("?group_by=consumer");
        assertThat(byConsumer.get(0).get("consumer").asText()).isEqualTo(alice);
        assertThat(byConsumer.get(0).get("consumer_name").asText()).isEqualTo("alice");
        assertThat(byConsumer.get(0).get("requests").asLong()).isEqualTo(3);
        assertThat(byConsumer.get(0).get("unpriced_requests").asLong()).isEqualTo(1);

        JsonNode byDay = data("?group_by=day");
        assertThat(byDay).extracting(d -> d.get("day").asText()).containsExactly("2026-11-01", "2026-11-02");
        assertThat(data("?group_by=provider&consumer=alice")).extracting(d -> d.get("provider").asText()).containsExactly("openai");
    }

    @Test
    void badParametersAreNamed() {
        JsonNode group = json(expect(400, t.get(t.admin("/usage?group_by=week"))));
        assertThat(group.get("fields").get("group_by").asText()).contains("model, consumer, day, provider");
        JsonNode times = json(expect(400, t.get(t.admin("/usage?from=yesterday&to=2026-13-01"))));
        assertThat(times.get("fields").get("from").asText()).contains("ISO-8601");
        assertThat(times.get("fields").get("to").asText()).contains("ISO-8601");
        assertThat(json(expect(400, t.get(t.admin("/usage?from=2026-11-02&to=2026-11-01")))).get("fields").has("to")).isTrue();
        assertThat(json(expect(400, t.get(t.admin("/usage?status=ok")))).get("fields").has("status")).isTrue();
        assertThat(json(expect(400, t.get(t.admin("/usage?modle=gpt-4o")))).get("fields").get("modle").asText())
                .contains("unknown parameter");
        assertThat(json(expect(400, t.get(t.admin("/usage?route=no-such-route")))).get("fields").has("route")).isTrue();
        expect(400, t.get(t.admin("/usage?size=0")));
        expect(400, t.get(t.admin("/usage?offset=@@")));
        expect(405, t.sendJson("POST", t.admin("/usage"), "{}"));
    }

    /** On the embedded H2 store. */
    static final class H2 extends UsageAdminTest {
        @Override
        String mode() {
            return "h2";
        }
    }

    /** On PostgreSQL. */
    static final class Postgres extends UsageAdminTest {
        @Override
        String mode() {
            return "postgres";
        }
    }
}
