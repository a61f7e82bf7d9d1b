package dev.tollgate.host.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ?search=}: lists filtered by name or id in the database, as the admin UI's search boxes ask. */
class ListSearchTest {

    private static List<String> names(TestGateway g, String path, String field) throws Exception {
        JsonNode page = TestGateway.JSON.readTree(TestGateway.expect(200, g.get(g.admin(path))).body());
        List<String> out = new ArrayList<>();
        page.get("data").forEach(e -> out.add(e.get(field).asText()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void searchMatchesNamesCaseInsensitivelyAndIdsExactly(String mode, @TempDir Path dir) throws Exception {
        try (TestGateway g = TestGateway.start(mode, dir)) {
            for (String name : List.of("billing-api", "Billing-Batch", "a_b", "axb", "chat")) {
                TestGateway.expect(201, g.postForm(g.admin("/services"), "name=" + name, "host=example.com"));
            }
            for (String name : List.of("Alice", "100%", "1000")) {
                TestGateway.expect(201, g.postForm(g.admin("/consumers"), "username=" + name));
            }
            assertThat(names(g, "/services?search=BILLING", "name")).containsExactly("billing-api", "Billing-Batch");
            assertThat(names(g, "/services?search=a_b", "name")).containsExactly("a_b"); // LIKE's _ is literal
            assertThat(names(g, "/consumers?search=100%25", "username")).containsExactly("100%"); // and so is %
            assertThat(names(g, "/consumers?search=lic", "username")).containsExactly("Alice");

            String id = TestGateway.JSON.readTree(g.get(g.admin("/services/chat")).body()).get("id").asText();
            assertThat(names(g, "/services?search=" + id, "name")).containsExactly("chat");
            assertThat(names(g, "/services?search=" + id.substring(0, 8), "name")).isEmpty();

            JsonNode first = TestGateway.JSON.readTree(g.get(g.admin("/services?search=billing&size=1")).body());
            assertThat(first.get("next").asText()).contains("search=billing");
            assertThat(names(g, first.get("next").asText(), "name")).containsExactly("Billing-Batch");

            assertThat(g.get(g.admin("/services?search=" + "x".repeat(257))).statusCode()).isEqualTo(400);
        }
    }
}
