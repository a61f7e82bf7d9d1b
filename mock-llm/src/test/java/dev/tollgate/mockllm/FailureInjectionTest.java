package dev.tollgate.mockllm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FailureInjectionTest {

    private static final String CHAT = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String STREAM = "{\"stream\":true,\"mock_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @RegisterExtension
    static final TestHttp http = TestHttp.withOwnMock();

    @AfterEach
    void stillServes() throws Exception {
        http.mock().clearFailures();
        http.mock().setTokenDelay(Duration.ZERO);
        assertThat(http.post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
    }

    @Test
    void queuedStatusAnswersOnceWithOpenAiError() throws Exception {
        http.mock().enqueue(MockFailure.status(503));

        HttpResponse<String> failed = http.post("/v1/chat/completions", CHAT);

        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.body()).isEqualTo(
                "{\"error\":{\"message\":\"mock failure: injected status 503\",\"type\":\"server_error\",\"code\":null}}");
        assertThat(http.post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
    }

    @Test
    void queuedStatusWithBodyAnswersThatBody() throws Exception {
        http.mock().enqueue(MockFailure.status(429, "{\"error\":\"slow down\"}"));

        HttpResponse<String> failed = http.post("/v1/chat/completions", CHAT);

        assertThat(failed.statusCode()).isEqualTo(429);
        assertThat(failed.body()).isEqualTo("{\"error\":\"slow down\"}");
    }

    @Test
    void headerStatusAndDelay() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> failed = http.post("/v1/chat/completions", CHAT,
                "X-Mock-Status", "502", "X-Mock-Delay-Ms", "150");

        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(150);
        assertThat(http.post("/v1/chat/completions", CHAT, "X-Mock-Status", "nope").statusCode()).isEqualTo(400);
    }

    @Test
    void delayAnswersNormallyLater() throws Exception {
        http.mock().enqueue(MockFailure.delay(Duration.ofMillis(200)));
        long started = System.nanoTime();

        HttpResponse<String> response = http.post("/v1/chat/completions", CHAT);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(200);
    }

    @Test
    void hangOutlastsTheClientTimeout() {
        http.mock().enqueue(MockFailure.hang());
        HttpRequest request = http.request("/v1/chat/completions")
                .timeout(Duration.ofMillis(300)).POST(HttpRequest.BodyPublishers.ofString(CHAT)).build();

        assertThatThrownBy(() -> TestHttp.CLIENT.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void headerHangToo() {
        HttpRequest request = http.request("/v1/chat/completions").timeout(Duration.ofMillis(200))
                .header("X-Mock-Hang", "true").POST(HttpRequest.BodyPublishers.ofString(CHAT)).build();

        assertThatThrownBy(() -> TestHttp.CLIENT.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void dropConnectionGivesNoResponseAtAll() {
        http.mock().enqueue(MockFailure.dropConnection());

        assertThatThrownBy(() -> http.post("/v1/chat/completions", CHAT)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> http.post("/v1/chat/completions", CHAT, "X-Mock-Drop", "true"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void dropMidStreamCutsTheStreamBeforeDone() throws Exception {
        http.mock().enqueue(MockFailure.dropMidStream());
        // With no pause the cut can overtake the events: the JDK client then reports only the error.
        http.mock().setTokenDelay(Duration.ofMillis(30));

        TestHttp.Stream stream = http.stream("/v1/chat/completions", STREAM);

        assertThat(stream.response().statusCode()).isEqualTo(200);
        assertThat(stream.failure()).isNotNull();
        assertThat(stream.dataJson()).hasSizeBetween(1, 10);
        assertThat(stream.lines()).doesNotContain("data: [DONE]");
    }

    @Test
    void dropMidStreamCutsAJsonBodyShort() {
        assertThatThrownBy(() -> http.post("/v1/chat/completions", CHAT, "X-Mock-Drop", "mid_stream"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void failuresQueueOverHttp() throws Exception {
        assertThat(http.post("/__mock/failures", "{\"status\":418,\"count\":2}").statusCode()).isEqualTo(200);

        assertThat(http.post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(418);
        assertThat(http.post("/v1/embeddings", "{\"input\":\"x\"}").statusCode()).isEqualTo(418);
        assertThat(http.post("/__mock/failures", "{\"status\":503,\"hang\":true}").statusCode()).isEqualTo(400);
        assertThat(http.post("/__mock/failures", "{\"drop\":true}").statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> http.post("/v1/chat/completions", CHAT)).isInstanceOf(IOException.class);
    }

    @Test
    void nonModelEndpointsLeaveTheQueueAlone() throws Exception {
        http.mock().enqueue(MockFailure.status(500));

        assertThat(http.get("/v1/models").statusCode()).isEqualTo(200);
        assertThat(http.get("/echo/x").statusCode()).isEqualTo(200);
        assertThat(http.post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(500);
    }

    @Test
    void stopCutsHungRequestsQuickly() throws Exception {
        MockLlm own = MockLlm.builder().build().start();
        own.enqueue(MockFailure.hang());
        HttpRequest request = new TestHttp(own).request("/v1/chat/completions")
                .POST(HttpRequest.BodyPublishers.ofString(CHAT)).build();
        CompletableFuture<HttpResponse<String>> hung =
                TestHttp.CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        assertThat(own.takeRequest(Duration.ofSeconds(5))).isPresent();

        long started = System.nanoTime();
        own.stop();

        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
        assertThatThrownBy(() -> hung.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void rejectsNonsenseFailures() {
        assertThatThrownBy(() -> MockFailure.status(99)).hasMessage("status: 99 (expected: 200..599)");
        assertThatThrownBy(() -> MockFailure.delay(Duration.ofMillis(-1))).hasMessageContaining("expected: >= 0");
    }
}
