package dev.tollgate.host.it.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.host.it.TestGateway;
import dev.tollgate.host.it.ai.AiRoutes;

/** What the UI's pages have to show: an ai-proxy route at the mock behind key-auth, alice's key, and some traffic. */
final class AiTraffic {
    static final String CHAT = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";

    private AiTraffic() {
    }

    /** The route "llm" at /llm, consumer alice with key alice-key; {@code calls} of hers answered, one refused, one unrouted. */
    static void seed(TestGateway g, int calls) {
        String url = g.mock.baseUrl() + "/v1/chat/completions";
        AiRoutes.create(g, "llm", "/llm", "{\"model\":{\"provider\":\"openai\",\"name\":\"gpt-4o\","
                + "\"options\":{\"upstream_url\":\"" + url + "\"}}}");
        TestGateway.expect(201, g.postForm(g.admin("/consumers"), "username=alice"));
        TestGateway.expect(201, g.postForm(g.admin("/consumers/alice/key-auth"), "key=alice-key"));
        TestGateway.expect(201, g.postForm(g.admin("/routes/llm/plugins"), "name=key-auth"));
        for (int i = 0; i < calls; i++) {
            assertThat(g.postJson(g.proxy("/llm/v1/chat/completions"), CHAT, "apikey", "alice-key").statusCode()).isEqualTo(200);
        }
        assertThat(g.postJson(g.proxy("/llm/v1/chat/completions"), CHAT).statusCode()).isEqualTo(401);
        assertThat(g.get(g.proxy("/nowhere")).statusCode()).isEqualTo(404);
    }
}
