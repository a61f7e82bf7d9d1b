package dev.tollgate.mockllm;

import dev.tollgate.mockllm.ErrorBodies.Provider;
import io.helidon.http.Header;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The mock's only Helidon handler. It records the request, plays injected failures, then hands
 * the request to the endpoint its path names. Routing by suffix here, rather than with Helidon
 * path patterns, lets any prefix a gateway adds (e.g. Azure's deployment paths) still reach the
 * right endpoint.
 */
final class RequestDispatcher {

    /** Hung requests are cut after this even if nobody stops the mock, so they cannot pile up. */
    static final Duration HANG_LIMIT = Duration.ofMinutes(10);

    private final Pacer pacer;
    private final RequestRecorder recorder;
    private final FailureInjector failures;
    private final OpenAiHandlers openAi = new OpenAiHandlers();
    private final AnthropicHandlers anthropic = new AnthropicHandlers();
    private final GeminiHandlers gemini = new GeminiHandlers();
    private final OllamaHandlers ollama = new OllamaHandlers();
    private final MockAdminHandlers admin;

    RequestDispatcher(Pacer pacer, RequestRecorder recorder, FailureInjector failures) {
        this.pacer = pacer;
        this.recorder = recorder;
        this.failures = failures;
        this.admin = new MockAdminHandlers(recorder, failures);
    }

    void handle(ServerRequest req, ServerResponse res) throws IOException {
        Instant receivedAt = Instant.now();
        RecordedRequest recorded = new RecordedRequest(
                req.prologue().method().text(),
                req.path().path(),
                req.query().rawValue(),
                headers(req),
                Exchange.utf8(body(req)),
                receivedAt);
        Exchange exchange = new Exchange(recorded, res, pacer);
        if (recorded.path().equals("/__mock") || recorded.path().startsWith("/__mock/")) {
            admin.handle(exchange);
            return;
        }
        recorder.record(recorded);
        Endpoint endpoint = Endpoint.of(recorded.path());
        if (!endpoint.allows(recorded.method())) {
            String message = endpoint == Endpoint.NOT_FOUND
                    ? "mock: no endpoint at " + recorded.method() + " " + recorded.path()
                    : "mock: method " + recorded.method() + " not allowed on " + recorded.path();
            int status = endpoint == Endpoint.NOT_FOUND ? 404 : 405;
            exchange.sendJson(status, ErrorBodies.of(endpoint.provider, status, message));
            return;
        }
        List<MockFailure> planned;
        try {
            planned = failures.plan(recorded, endpoint.model);
        } catch (IllegalArgumentException e) {
            exchange.sendJson(400, ErrorBodies.of(endpoint.provider, 400, "mock: " + e.getMessage()));
            return;
        }
        for (MockFailure failure : planned) {
            if (play(failure, exchange, endpoint.provider)) {
                return;
            }
        }
        switch (endpoint) {
            case CHAT -> openAi.chat(exchange);
            case EMBEDDINGS -> openAi.embeddings(exchange);
            case MODELS -> openAi.models(exchange);
            case MESSAGES -> anthropic.messages(exchange);
            case GEMINI_GENERATE -> gemini.generate(exchange, false);
            case GEMINI_STREAM -> gemini.generate(exchange, true);
            case GEMINI_EMBED -> gemini.embed(exchange, false);
            case GEMINI_BATCH_EMBED -> gemini.embed(exchange, true);
            case OLLAMA_CHAT -> ollama.chat(exchange);
            case OLLAMA_EMBED -> ollama.embed(exchange);
            case ECHO -> EchoHandlers.echo(exchange);
            case SSE -> EchoHandlers.sse(exchange);
            case BYTES -> EchoHandlers.bytes(exchange);
            case NOT_FOUND -> throw new IllegalStateException("unreachable: " + recorded.path());
        }
    }

    /** Plays {@code failure}; true when it has answered (or cut) the request. */
    private boolean play(MockFailure failure, Exchange exchange, Provider provider) {
        switch (failure) {
            case MockFailure.Delay(var delay) -> {
                if (!pacer.pause(delay)) {
                    throw Exchange.abort("mock stopped during an injected delay");
                }
                return false;
            }
            case MockFailure.Status(int code, var body) -> {
                if (body.isPresent()) {
                    String text = body.get();
                    String type = text.stripLeading().startsWith("{") || text.stripLeading().startsWith("[")
                            ? "application/json" : "text/plain; charset=utf-8";
                    exchange.send(code, type, text.getBytes(StandardCharsets.UTF_8));
                } else {
                    exchange.sendJson(code, ErrorBodies.of(provider, code, "mock failure: injected status " + code));
                }
                return true;
            }
            case MockFailure.Hang h -> {
                pacer.pause(HANG_LIMIT);
                throw Exchange.abort("mock failure: hang ended");
            }
            case MockFailure.DropConnection d -> throw Exchange.abort("mock failure: connection dropped");
            case MockFailure.DropMidStream d -> {
                exchange.dropMidStream();
                return false;
            }
        }
    }

    private static Map<String, List<String>> headers(ServerRequest req) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : req.headers()) {
            headers.computeIfAbsent(header.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .addAll(header.allValues());
        }
        headers.replaceAll((name, values) -> List.copyOf(values));
        return headers;
    }

    /** Reads the body, keeping at most {@link RecordedRequest#MAX_BODY_BYTES} and draining the rest. */
    private static byte[] body(ServerRequest req) throws IOException {
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = req.content().inputStream()) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                int keep = Math.min(n, RecordedRequest.MAX_BODY_BYTES - kept.size());
                kept.write(buffer, 0, keep);
            }
        }
        return kept.toByteArray();
    }

    /**
     * What a path names; the model endpoints are those that consume queued failures. They are
     * matched by the end of the path, so any prefix a gateway adds still reaches them.
     */
    enum Endpoint {
        CHAT("POST", true, Provider.OPENAI, "/chat/completions"),
        EMBEDDINGS("POST", true, Provider.OPENAI, "/embeddings"),
        MODELS("GET", false, Provider.OPENAI, "/v1/models"),
        MESSAGES("POST", true, Provider.ANTHROPIC, "/messages"),
        // Gemini names the method after the model: /v1beta/models/{model}:generateContent
        GEMINI_GENERATE("POST", true, Provider.GEMINI, ":generateContent"),
        GEMINI_STREAM("POST", true, Provider.GEMINI, ":streamGenerateContent"),
        GEMINI_EMBED("POST", true, Provider.GEMINI, ":embedContent"),
        GEMINI_BATCH_EMBED("POST", true, Provider.GEMINI, ":batchEmbedContents"),
        OLLAMA_CHAT("POST", true, Provider.OLLAMA, "/api/chat"),
        OLLAMA_EMBED("POST", true, Provider.OLLAMA, "/api/embed"),
        ECHO(null, false, Provider.OPENAI, null),
        SSE("GET", false, Provider.OPENAI, null),
        BYTES("GET", false, Provider.OPENAI, null),
        NOT_FOUND("", false, Provider.OPENAI, null);

        private final String method;
        final boolean model;
        final Provider provider;
        private final String suffix;

        Endpoint(String method, boolean model, Provider provider, String suffix) {
            this.method = method;
            this.model = model;
            this.provider = provider;
            this.suffix = suffix;
        }

        /** {@code null} method means any. */
        boolean allows(String requestMethod) {
            return method == null || method.equals(requestMethod);
        }

        static Endpoint of(String path) {
            if (path.equals("/echo") || path.startsWith("/echo/")) {
                return ECHO;
            }
            return switch (path) {
                case "/stream/sse" -> SSE;
                case "/bytes" -> BYTES;
                case "/models" -> MODELS;
                default -> Arrays.stream(values())
                        .filter(endpoint -> endpoint.suffix != null && path.endsWith(endpoint.suffix))
                        .findFirst().orElse(NOT_FOUND);
            };
        }
    }
}
