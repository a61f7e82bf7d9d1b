package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** CRUD, nesting, lookup by name, pagination and tags of the Admin API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AdminApiTest {
    TestGateway t;

    /** The storage mode this run uses: "h2" or "postgres". */
    abstract String mode();

    @BeforeAll
    void start(@TempDir Path dir) {
        t = TestGateway.start(mode(), dir);
    }

    @AfterAll
    void stop() {
        t.close();
    }

    @Test
    void serviceCrudByIdAndName() {
        JsonNode created = json(expect(201, t.sendJson("POST", t.admin("/services"),
                "{\"name\":\"crud-svc\",\"host\":\"example.internal\",\"port\":9000,\"path\":\"/v1\",\"tags\":[\"a\"]}")));
        String id = created.get("id").asText();
        assertThat(created.get("retries").asInt()).isEqualTo(5);
        assertThat(created.get("connect_timeout").asInt()).isEqualTo(60000);
        assertThat(created.get("tls_verify").asBoolean()).isTrue();

        assertThat(json(expect(200, t.get(t.admin("/services/crud-svc")))).get("id").asText()).isEqualTo(id);
        assertThat(json(expect(200, t.get(t.admin("/services/" + id)))).get("name").asText()).isEqualTo("crud-svc");

        JsonNode patched = json(expect(200, t.sendJson("PATCH", t.admin("/services/crud-svc"), "{\"port\":9001}")));
        assertThat(patched.get("port").asInt()).isEqualTo(9001);
        assertThat(patched.get("host").asText()).isEqualTo("example.internal");
        assertThat(patched.get("created_at").asLong()).isEqualTo(created.get("created_at").asLong());

        JsonNode put = json(expect(200, t.sendJson("PUT", t.admin("/services/crud-svc"), "{\"host\":\"other.internal\"}")));
        assertThat(put.get("id").asText()).isEqualTo(id);
        assertThat(put.get("port").asInt()).isEqualTo(80); // PUT replaces: unspecified fields take defaults

        expect(204, t.sendJson("DELETE", t.admin("/services/crud-svc"), null));
        expect(404, t.get(t.admin("/services/crud-svc")));
        expect(204, t.sendJson("DELETE", t.admin("/services/crud-svc"), null));
    }

    @Test
    void putCreatesWhenMissing() {
        JsonNode put = json(expect(200, t.sendJson("PUT", t.admin("/consumers/put-made"), "{}")));
        assertThat(put.get("username").asText()).isEqualTo("put-made");
    }

    @Test
    void nestedRoutesAndPluginsAreScopedToTheirParent() {
        t.chatRoute("nest-a", "/nest-a");
        t.chatRoute("nest-b", "/nest-b");
        JsonNode routesOfA = json(expect(200, t.get(t.admin("/services/nest-a/routes")))).get("data");
        assertThat(routesOfA).hasSize(1);
        assertThat(routesOfA.get(0).get("paths").get(0).asText()).isEqualTo("/nest-a");
        String routeId = routesOfA.get(0).get("id").asText();
        expect(404, t.get(t.admin("/services/nest-b/routes/" + routeId)));
        assertThat(json(expect(200, t.get(t.admin("/routes/" + routeId + "/service")))).get("name").asText()).isEqualTo("nest-a");

        JsonNode plugin = json(expect(201, t.postForm(t.admin("/services/nest-a/plugins"),
                "name=rate-limiting", "config.minute=5", "config.policy=local")));
        assertThat(plugin.get("service").get("id").asText()).isNotEmpty();
        assertThat(plugin.get("config").get("minute").asInt()).isEqualTo(5); // the schema made it a number
        assertThat(plugin.get("config").get("limit_by").asText()).isEqualTo("consumer"); // defaults filled in
        assertThat(json(expect(200, t.get(t.admin("/services/nest-b/plugins")))).get("data")).isEmpty();
        assertThat(json(expect(200, t.get(t.admin("/services/nest-a/plugins")))).get("data")).hasSize(1);
        expect(409, t.postForm(t.admin("/services/nest-a/plugins"), "name=rate-limiting", "config.minute=1"));

        // A service with routes cannot go; its plugins go with it once the routes are gone.
        expect(400, t.sendJson("DELETE", t.admin("/services/nest-a"), null));
        expect(204, t.sendJson("DELETE", t.admin("/routes/" + routeId), null));
        expect(204, t.sendJson("DELETE", t.admin("/services/nest-a"), null));
        expect(404, t.get(t.admin("/plugins/" + plugin.get("id").asText())));
    }

    @Test
    void upstreamTargetsAreAddressedByHostPort() {
        expect(201, t.postForm(t.admin("/upstreams"), "name=pool.internal"));
        JsonNode target = json(expect(201, t.postForm(t.admin("/upstreams/pool.internal/targets"), "target=10.0.0.1:8080", "weight=50")));
        assertThat(target.get("weight").asInt()).isEqualTo(50);
        assertThat(json(expect(200, t.get(t.admin("/upstreams/pool.internal/targets/10.0.0.1:8080")))).get("id").asText())
                .isEqualTo(target.get("id").asText());
        expect(409, t.postForm(t.admin("/upstreams/pool.internal/targets"), "target=10.0.0.1:8080"));
        // Another upstream may have the same host:port; each is found within its own upstream.
        expect(201, t.postForm(t.admin("/upstreams"), "name=pool2.internal"));
        JsonNode twin = json(expect(201, t.postForm(t.admin("/upstreams/pool2.internal/targets"), "target=10.0.0.1:8080")));
        assertThat(json(expect(200, t.get(t.admin("/upstreams/pool2.internal/targets/10.0.0.1:8080")))).get("id").asText())
                .isEqualTo(twin.get("id").asText());
        expect(204, t.sendJson("DELETE", t.admin("/upstreams/pool2.internal/targets/10.0.0.1:8080"), null));
        expect(200, t.get(t.admin("/upstreams/pool.internal/targets/10.0.0.1:8080")));
        expect(204, t.sendJson("DELETE", t.admin("/upstreams/pool.internal/targets/10.0.0.1:8080"), null));
        assertThat(json(expect(200, t.get(t.admin("/upstreams/pool.internal/targets")))).get("data")).isEmpty();
    }

    @Test
    void listsPageWithSizeAndOffsetAndFilterByTags() {
        for (int i = 0; i < 5; i++) {
            expect(201, t.sendJson("POST", t.admin("/consumers"), "{\"username\":\"page-" + i + "\",\"tags\":[\"paged\"]}"));
        }
        JsonNode first = json(expect(200, t.get(t.admin("/consumers?size=2&tags=paged"))));
        assertThat(first.get("data")).hasSize(2);
        assertThat(first.get("next").asText()).startsWith("/consumers?offset=");
        JsonNode second = json(expect(200, t.get(t.admin(first.get("next").asText()))));
        assertThat(second.get("data")).hasSize(2);
        assertThat(second.get("data").get(0).get("username").asText()).isEqualTo("page-2");
        JsonNode third = json(expect(200, t.get(t.admin(second.get("next").asText()))));
        assertThat(third.get("data")).hasSize(1);
        assertThat(third.get("next").isNull()).isTrue();
        assertThat(json(expect(200, t.get(t.admin("/consumers?tags=paged/none")))).get("data")).hasSize(5);
        assertThat(json(expect(200, t.get(t.admin("/consumers?tags=paged,none")))).get("data")).isEmpty();
    }

    @Test
    void nodeInfoAndStatus() {
        JsonNode root = json(expect(200, t.get(t.admin("/"))));
        assertThat(root.get("version").asText()).isNotBlank();
        assertThat(root.get("sdk_version").asText()).isEqualTo(dev.tollgate.sdk.SdkVersion.current());
        assertThat(root.get("configuration").get("database").asText()).isEqualTo(mode());
        JsonNode status = json(expect(200, t.get(t.admin("/status"))));
        assertThat(status.get("database").get("reachable").asBoolean()).isTrue();
        assertThat(status.get("server").get("uptime_seconds").asLong()).isNotNegative();
        assertThat(status.get("configuration").get("in_sync").asBoolean()).isTrue();
        assertThat(status.get("configuration").get("version").asLong()).isNotNegative();
    }

    /** On the embedded H2 store. */
    static final class H2 extends AdminApiTest {
        @Override
        String mode() {
            return "h2";
        }
    }

    /** On PostgreSQL. */
    static final class Postgres extends AdminApiTest {
        @Override
        String mode() {
            return "postgres";
        }
    }
}
