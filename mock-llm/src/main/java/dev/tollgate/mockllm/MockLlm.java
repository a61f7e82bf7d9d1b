package dev.tollgate.mockllm;

import static java.util.Objects.requireNonNull;

import io.helidon.webserver.WebServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A mock LLM provider: OpenAI-, Anthropic-, Gemini- and Ollama-shaped endpoints with deterministic
 * answers, JSON and streamed, plus plain echo helpers. It records every request and plays
 * injected failures, so a test can check what a gateway sent upstream and how it copes with a
 * misbehaving one.
 *
 * <pre>{@code
 * try (MockLlm llm = MockLlm.builder().build().start()) {
 *     llm.enqueue(MockFailure.status(503));
 *     // ... send a request through the gateway to llm.baseUrl() ...
 *     RecordedRequest seen = llm.takeRequest(Duration.ofSeconds(5)).orElseThrow();
 * }
 * }</pre>
 */
public final class MockLlm implements AutoCloseable {

    private final String host;
    private final int requestedPort;
    private final Pacer pacer;
    private final RequestRecorder recorder = new RequestRecorder();
    private final FailureInjector failures = new FailureInjector();
    private volatile WebServer server;

    private MockLlm(Builder builder) {
        this.host = builder.host;
        this.requestedPort = builder.port;
        this.pacer = new Pacer(builder.tokenDelay);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds and starts serving; returns this for chaining. A stopped mock cannot be restarted. */
    public synchronized MockLlm start() {
        if (server != null || pacer.isStopped()) {
            throw new IllegalStateException("mock LLM: already " + (pacer.isStopped() ? "stopped" : "started"));
        }
        RequestDispatcher dispatcher = new RequestDispatcher(pacer, recorder, failures);
        server = WebServer.builder()
                .host(host)
                .port(requestedPort)
                // The launcher and tests own the lifecycle; Helidon's own hook would stop us twice.
                .shutdownHook(false)
                .shutdownGracePeriod(Duration.ofMillis(200))
                // Each streamed token leaves at once: with Nagle's algorithm the first event waited
                // ~40 ms for the client's delayed ACK of the headers (seen in the benchmark suite).
                .connectionOptions(o -> o.tcpNoDelay(true))
                .routing(routing -> routing.any(dispatcher::handle))
                .build()
                .start();
        if (!server.isRunning()) {
            // Helidon logs a bind failure and returns a stopped server instead of throwing.
            throw new IllegalStateException("mock LLM: cannot listen on " + host + ":" + requestedPort
                    + " (is the port already in use?)");
        }
        return this;
    }

    /** The bound port (the real one when built with port 0). */
    public int port() {
        WebServer running = server;
        if (running == null) {
            throw new IllegalStateException("mock LLM: not started");
        }
        return running.port();
    }

    /** E.g. {@code http://127.0.0.1:41234}; a wildcard host is reported as loopback, which clients can reach. */
    public String baseUrl() {
        String reachable = switch (host) {
            case "0.0.0.0" -> "127.0.0.1";
            case "::", "[::]" -> "[::1]";
            default -> host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        };
        return "http://" + reachable + ":" + port();
    }

    /** Stops serving; hung, delayed and streaming requests are cut at once. Safe to call twice. */
    public synchronized void stop() {
        pacer.stop();
        WebServer running = server;
        if (running != null && running.isRunning()) {
            running.stop();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Waits up to {@code timeout} for a request not yet taken, oldest first. */
    public Optional<RecordedRequest> takeRequest(Duration timeout) {
        return recorder.take(timeout);
    }

    /** Every request recorded since the start or the last {@link #clearRequests()}, oldest first. */
    public List<RecordedRequest> requests() {
        return recorder.all();
    }

    public void clearRequests() {
        recorder.clear();
    }

    /** Queues a failure for the next request to a model endpoint (chat, embeddings, messages, Gemini, Ollama). */
    public void enqueue(MockFailure failure) {
        failures.enqueue(failure);
    }

    /** Drops failures queued and not yet consumed. */
    public void clearFailures() {
        failures.clear();
    }

    public Duration tokenDelay() {
        return pacer.tokenDelay();
    }

    /** The pause between two streamed tokens; applies to streams that start afterwards too. */
    public void setTokenDelay(Duration tokenDelay) {
        pacer.setTokenDelay(tokenDelay);
    }

    /** Options of a {@link MockLlm}; every one has a default. */
    public static final class Builder {

        private String host = "127.0.0.1";
        private int port;
        private Duration tokenDelay = Duration.ofMillis(20);

        private Builder() {
        }

        public Builder host(String host) {
            this.host = requireNonNull(host, "host");
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
            }
            this.port = port;
            return this;
        }

        public Builder tokenDelay(Duration tokenDelay) {
            this.tokenDelay = Pacer.checkDelay(tokenDelay, "tokenDelay");
            return this;
        }

        public MockLlm build() {
            return new MockLlm(this);
        }
    }
}
