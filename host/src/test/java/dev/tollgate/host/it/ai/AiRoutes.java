package dev.tollgate.host.it.ai;

import static dev.tollgate.host.it.TestGateway.expect;

import dev.tollgate.host.it.TestGateway;

/** Creates AI routes on a test gateway the way an operator does: a service, a route, ai-proxy with JSON config. */
public final class AiRoutes {
    private AiRoutes() {
    }

    /**
     * A service and a route at {@code path} with ai-proxy configured by {@code configJson}. The
     * service's own URL is never called: ai-proxy answers the route.
     */
    public static void create(TestGateway t, String name, String path, String configJson) {
        expect(201, t.sendJson("POST", t.admin("/services"),
                "{\"name\":\"" + name + "\",\"url\":\"http://127.0.0.1:9/unused\"}"));
        expect(201, t.sendJson("POST", t.admin("/services/" + name + "/routes"),
                "{\"name\":\"" + name + "\",\"paths\":[\"" + path + "\"]}"));
        expect(201, t.sendJson("POST", t.admin("/routes/" + name + "/plugins"),
                "{\"name\":\"ai-proxy\",\"config\":" + configJson + "}"));
    }

    /** ai-proxy config for one OpenAI target at the mock. */
    public static String openAi(String upstreamUrl, String model) {
        return "{\"route_type\":\"llm/v1/chat\",\"auth\":{\"header_value\":\"sk-test-123\"},"
                + "\"model\":{\"provider\":\"openai\",\"name\":\"" + model + "\","
                + "\"options\":{\"upstream_url\":\"" + upstreamUrl + "\"}}}";
    }
}
