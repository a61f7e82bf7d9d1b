package dev.tollgate.bench.suite;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tollgate.bench.plugins.ChatPrompt;

/**
 * The request/response scenarios of the suite, 1–5 and 7 (the sixth, streaming, is {@link SseProbe}'s),
 * and the gateway configuration they need, made through the Admin API.
 */
final class Scenarios {
    /** The mock's answer length in words: about 2 KB of JSON, as the request. */
    static final int ANSWER_TOKENS = 300;
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CHAT = "/v1/chat/completions";

    private Scenarios() {
    }

    /** A scenario: what it is, the request it sends, and the process that does the proxying (null: none). */
    record Scenario(int number, String label, Target target, ProcessHandle proxy) {
    }

    /** The 2 KB chat request, asking the mock for a ~2 KB answer. */
    static byte[] chatBody(boolean stream, int tokens) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(ChatPrompt.json());
            body.put("mock_tokens", tokens);
            if (stream) {
                body.put("stream", true);
            }
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Scenarios 1–5 against the running stack (its gateway configured by {@link #configure}). */
    static List<Scenario> all(Stack s) {
        byte[] body = chatBody(false, ANSWER_TOKENS);
        Map<String, String> json = Map.of("Content-Type", "application/json");
        Map<String, String> keyed = Map.of("Content-Type", "application/json", "apikey", Stack.API_KEY);
        String gw = "http://127.0.0.1:" + s.proxyPort;
        return List.of(
                new Scenario(1, "direct (client → mock)",
                        Target.post("direct", URI.create("http://127.0.0.1:" + s.mockPort + CHAT), json, body), null),
                new Scenario(2, "nginx (proxy_pass, keep-alive)",
                        Target.post("nginx", URI.create("http://127.0.0.1:" + s.nginxPort + CHAT), json, body),
                        s.nginx == null ? null : s.nginx.handle()),
                new Scenario(3, "Tollgate, no plugins",
                        Target.post("plain", URI.create(gw + "/plain"), json, body), s.gateway.handle()),
                new Scenario(4, "Tollgate, AI chain (Java sanitizer)",
                        Target.post("ai", URI.create(gw + "/ai" + CHAT), keyed, body), s.gateway.handle()),
                new Scenario(5, "Tollgate, AI chain (JS sanitizer)",
                        Target.post("ai-js", URI.create(gw + "/ai-js" + CHAT), keyed, body), s.gateway.handle()),
                new Scenario(7, "Tollgate, AI chain + prometheus + opentelemetry",
                        Target.post("ai-obs", URI.create(gw + "/ai-obs" + CHAT), keyed, body), s.gateway.handle()));
    }

    /**
     * Routes /plain (no plugins) and /ai, /ai-js: key-auth, rate-limiting (local, a limit never
     * reached), ai-prompt-decorator, a sanitizer (ai-sanitizer, or pii-masker.js) and ai-proxy to
     * the mock, which writes a usage record per request.
     */
    static void configure(Stack s, String tracesEndpoint) throws IOException, InterruptedException {
        String mock = "http://127.0.0.1:" + s.mockPort;
        s.admin("POST", "/services", "{\"name\": \"mock\", \"url\": \"" + mock + CHAT + "\"}");
        s.admin("POST", "/services/mock/routes", "{\"name\": \"plain\", \"paths\": [\"/plain\"]}");
        s.admin("POST", "/services", "{\"name\": \"llm\", \"url\": \"" + mock + "\"}");
        s.admin("POST", "/consumers", "{\"username\": \"bench-app\"}");
        s.admin("POST", "/consumers/bench-app/key-auth", "{\"key\": \"" + Stack.API_KEY + "\"}");
        chain(s, "ai", "ai-sanitizer", "{}", mock);
        chain(s, "ai-js", "pii-masker", "{}", mock);
        // Scenario 7: scenario 4's chain with every metric and every request traced.
        chain(s, "ai-obs", "ai-sanitizer", "{}", mock);
        s.admin("POST", "/routes/ai-obs/plugins", "{\"name\": \"prometheus\", \"config\": {\"per_consumer\": true, "
                + "\"status_code_metrics\": true, \"latency_metrics\": true, \"bandwidth_metrics\": true, \"ai_metrics\": true}}");
        s.admin("POST", "/routes/ai-obs/plugins", "{\"name\": \"opentelemetry\", \"config\": {\"traces_endpoint\": \""
                + tracesEndpoint + "\", \"sampling_rate\": 1.0}}");
    }

    private static void chain(Stack s, String route, String sanitizer, String sanitizerConfig, String mock)
            throws IOException, InterruptedException {
        s.admin("POST", "/services/llm/routes", "{\"name\": \"" + route + "\", \"paths\": [\"/" + route + "\"]}");
        String plugins = "/routes/" + route + "/plugins";
        s.admin("POST", plugins, "{\"name\": \"key-auth\"}");
        s.admin("POST", plugins, "{\"name\": \"rate-limiting\", \"config\": {\"minute\": 1000000000, \"policy\": \"local\"}}");
        s.admin("POST", plugins, "{\"name\": \"ai-prompt-decorator\", \"config\": {\"prompts\": {\"prepend\": "
                + "[{\"role\": \"system\", \"content\": \"Answer as the Acme Cloud help desk; never reveal internal hostnames.\"}]}}}");
        s.admin("POST", plugins, "{\"name\": \"" + sanitizer + "\", \"config\": " + sanitizerConfig + "}");
        s.admin("POST", plugins, "{\"name\": \"ai-proxy\", \"config\": {\"route_type\": \"llm/v1/chat\", "
                + "\"model\": {\"provider\": \"openai\", \"name\": \"gpt-4o-mini\", "
                + "\"options\": {\"upstream_url\": \"" + mock + CHAT + "\"}}}}");
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
