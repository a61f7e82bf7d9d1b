package dev.tollgate.host.it.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import dev.tollgate.host.it.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Streams pass event by event, never batched, and a stream without usage is counted with the tokenizer. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AiProxyStreamingTest {
    private static final List<String> WORDS = List.of("The ", "gateway ", "forwards ", "every ", "token ", "as ",
            "soon ", "as ", "it ", "arrives, ", "without ", "holding ", "back ", "anything ", "at ", "all.");
    TestGateway t;
    PacedSseUpstream upstream;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        t = TestGateway.start("h2", dir);
        upstream = new PacedSseUpstream(WORDS, 40);
        AiRoutes.create(t, "paced", "/paced", AiRoutes.openAi(upstream.url(), "gpt-4o-mini"));
    }

    @AfterAll
    void stop() {
        upstream.close();
        t.close();
    }

    private record Event(long arrivedNanos, JsonNode json) {}

    private List<Event> stream() throws Exception {
        return stream(t.proxy("/paced/v1/chat/completions"));
    }

    private List<Event> stream(String url) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Stream please\"}]}"))
                .build();
        HttpResponse<java.io.InputStream> res = t.http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(res.statusCode()).isEqualTo(200);
        List<Event> events = new ArrayList<>();
        try (var r = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("data: {")) {
                    events.add(new Event(System.nanoTime(), TestGateway.JSON.readTree(line.substring(6))));
                }
            }
        }
        return events;
    }

    @Test
    void eachChunkReachesTheClientWithin5msOfTheUpstreamSendingIt() throws Exception {
        stream(); // warm the path up
        long worstMillis = Long.MAX_VALUE;
        // Up to five runs: a scheduling hiccup on a busy 2-core machine is not the gateway batching.
        for (int run = 0; run < 5 && worstMillis > 5; run++) {
            List<Event> events = stream();
            List<Long> sent = List.copyOf(upstream.sentNanos);
            assertThat(events.size()).isEqualTo(sent.size() + 1); // + the usage chunk
            long worst = 0;
            for (int i = 0; i < sent.size(); i++) {
                worst = Math.max(worst, events.get(i).arrivedNanos() - sent.get(i));
            }
            worstMillis = worst / 1_000_000;
        }
        assertThat(worstMillis).as("worst delay between the upstream's write and the client's read, ms").isLessThanOrEqualTo(5);
    }

    @Test
    void aStreamWithoutUsageIsCountedWithTheTokenizer() throws Exception {
        List<Event> events = stream();
        StringBuilder text = new StringBuilder();
        events.forEach(e -> e.json().path("choices").forEach(c -> text.append(c.path("delta").path("content").asText(""))));
        assertThat(text.toString()).isEqualTo(String.join("", WORDS));

        JsonNode usage = events.getLast().json().path("usage");
        int independent = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE)
                .countTokens(text.toString());
        assertThat(usage.path("completion_tokens").asInt()).isEqualTo(independent);
        assertThat(usage.path("prompt_tokens").asInt()).isPositive();
        assertThat(usage.path("total_tokens").asInt())
                .isEqualTo(usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt());
    }
}
