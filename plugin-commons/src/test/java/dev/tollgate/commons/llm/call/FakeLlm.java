package dev.tollgate.commons.llm.call;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.commons.llm.Json;

/**
 * An LLM on a random local port for unit tests: answers queued replies in order (an OpenAI chat
 * completion with the text given, by default {@code ok}), records what it was sent, and can be
 * told to fail or to hang.
 */
public final class FakeLlm implements AutoCloseable {
    /** What the fake was sent. */
    public record Received(String path, Map<String, List<String>> headers, JsonNode body) {
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return v == null ? null : v.getFirst();
        }
    }

    private record Reply(int status, String contentType, String body, boolean hang, long delayMillis) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final LinkedBlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    private FakeLlm() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeLlm start() {
        try {
            return new FakeLlm();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The chat completions URL, for {@code options.upstream_url}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/chat/completions";
    }

    /** Next answer: a chat completion whose text is {@code content}, with usage 11 + 7 tokens. */
    public FakeLlm answer(String content) {
        return raw(200, "application/json", completion(content, true));
    }

    /** Next answer: a chat completion without usage, for the gateway to count. */
    public FakeLlm answerWithoutUsage(String content) {
        return raw(200, "application/json", completion(content, false));
    }

    /** Next answer: an error status with an OpenAI error body. */
    public FakeLlm fail(int status) {
        return raw(status, "application/json",
                "{\"error\":{\"message\":\"fake failure " + status + "\",\"type\":\"api_error\",\"code\":null}}");
    }

    /** Next answer: exactly this. */
    public FakeLlm raw(int status, String contentType, String body) {
        replies.add(new Reply(status, contentType, body, false, 0));
        return this;
    }

    /** Next answer: a chat completion with {@code content}, sent after {@code millis}. */
    public FakeLlm answerAfter(long millis, String content) {
        replies.add(new Reply(200, "application/json", completion(content, true), false, millis));
        return this;
    }

    /** Next request: accepted, never answered (until close). */
    public FakeLlm hang() {
        replies.add(new Reply(0, null, null, true, 0));
        return this;
    }

    /** The next request received, waiting up to 5 seconds. */
    public Received take() throws InterruptedException {
        Received r = received.poll(5, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("the fake LLM received no request within 5 s");
        }
        return r;
    }

    /** How many requests were received and not yet taken. */
    public int pending() {
        return received.size();
    }

    private static String completion(String content, boolean usage) {
        var root = Json.object();
        root.put("id", "chatcmpl-fake").put("object", "chat.completion").put("created", 1).put("model", "fake-model");
        var choice = root.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        if (usage) {
            root.putObject("usage").put("prompt_tokens", 11).put("completion_tokens", 7).put("total_tokens", 18);
        }
        return Json.string(root);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
        received.add(new Received(exchange.getRequestURI().toString(), headers,
                body.length == 0 ? Json.object() : Json.MAPPER.readTree(body)));
        Reply reply = replies.poll();
        if (reply == null) {
            reply = new Reply(200, "application/json", completion("ok", true), false, 0);
        }
        if (reply.hang) {
            try {
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        if (reply.delayMillis > 0) {
            try {
                Thread.sleep(reply.delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] out = reply.body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", reply.contentType);
        exchange.sendResponseHeaders(reply.status, out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
