package dev.tollgate.host.it.ai;

import static dev.tollgate.host.it.TestGateway.expect;

import dev.tollgate.host.it.TestGateway;

/** Routes with the AI transformers on them, configured as an operator does, with the mock as their LLM. */
final class TransformerRoutes {
    private TransformerRoutes() {
    }

    /**
     * Adds {@code plugin} (ai-request-transformer or ai-response-transformer) to route {@code route}
     * with the prompt, the mock as its LLM (model {@code mock-gpt}), and the extra config fields given
     * as JSON members ({@code "http_timeout":500}), or none.
     */
    static void add(TestGateway t, String route, String plugin, String prompt, String extraFields) {
        String config = "{\"prompt\":" + quote(prompt) + ","
                + "\"llm\":{\"model\":{\"provider\":\"openai\",\"name\":\"mock-gpt\","
                + "\"options\":{\"upstream_url\":\"" + t.mock.baseUrl() + "/v1/chat/completions\"}},"
                + "\"auth\":{\"header_value\":\"sk-transformer\"}}"
                + (extraFields.isEmpty() ? "" : "," + extraFields) + "}";
        expect(201, t.sendJson("POST", t.admin("/routes/" + route + "/plugins"),
                "{\"name\":\"" + plugin + "\",\"config\":" + config + "}"));
    }

    /** A service at {@code url} and a route {@code name} at {@code /name}. */
    static void plainRoute(TestGateway t, String name, String url) {
        expect(201, t.sendJson("POST", t.admin("/services"), "{\"name\":\"" + name + "\",\"url\":\"" + url + "\"}"));
        expect(201, t.sendJson("POST", t.admin("/services/" + name + "/routes"),
                "{\"name\":\"" + name + "\",\"paths\":[\"/" + name + "\"]}"));
    }

    static String quote(String s) {
        try {
            return TestGateway.JSON.writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
