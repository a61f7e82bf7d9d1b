package dev.tollgate.host.it.ai;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * An OpenAI-format streaming upstream that sends one word per event at a fixed pace, records when
 * it wrote each event (System.nanoTime, comparable within the test's JVM), and reports no usage,
 * so the gateway must count the tokens itself.
 */
final class PacedSseUpstream implements AutoCloseable {
    final List<Long> sentNanos = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final List<String> words;
    private final long pauseMillis;

    PacedSseUpstream(List<String> words, long pauseMillis) throws IOException {
        this.words = words;
        this.pauseMillis = pauseMillis;
        // As providers' front ends do: small event writes leave at once (the JDK server's default is Nagle).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            sentNanos.clear();
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < words.size(); i++) {
                    String delta = (i == 0 ? "{\"role\":\"assistant\",\"content\":" : "{\"content\":") + quote(words.get(i)) + "}";
                    write(out, "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"paced\","
                            + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":null}]}");
                    sleep();
                }
                write(out, "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"paced\","
                        + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/chat/completions";
    }

    private void write(OutputStream out, String json) throws IOException {
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        sentNanos.add(System.nanoTime());
    }

    private void sleep() {
        try {
            Thread.sleep(pauseMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
