package dev.tollgate.mockllm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RecordingAndHelpersTest {

    @RegisterExtension
    static final TestHttp http = TestHttp.withOwnMock();

    @BeforeEach
    void clear() {
        http.mock().clearRequests();
    }

    @Test
    void baseUrlNamesTheBoundPort() {
        assertThat(http.mock().port()).isPositive();
        assertThat(http.mock().baseUrl()).isEqualTo("http://127.0.0.1:" + http.mock().port());
    }

    @Test
    void recordsPathQueryHeadersAndBody() throws Exception {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"record me\"}]}";
        http.post("/v1/chat/completions?trace=1", body, "Authorization", "Bearer sk-test", "X-Custom", "a");

        RecordedRequest seen = http.mock().takeRequest(Duration.ofSeconds(5)).orElseThrow();
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.path()).isEqualTo("/v1/chat/completions");
        assertThat(seen.query()).isEqualTo("trace=1");
        assertThat(seen.header("authorization")).hasValue("Bearer sk-test");
        assertThat(seen.header("X-CUSTOM")).hasValue("a");
        assertThat(seen.headers()).containsKey("x-custom");
        assertThat(seen.body()).isEqualTo(body);
        assertThat(seen.receivedAt()).isNotNull();
        assertThat(http.mock().takeRequest(Duration.ofMillis(50))).isEmpty();
        assertThat(http.mock().requests()).containsExactly(seen);
    }

    @Test
    void aHeadAnswerHasNoBodySoTheConnectionStaysInStep() throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", http.mock().port())) {
            s.setSoTimeout(5000);
            var out = s.getOutputStream();
            var in = s.getInputStream();
            for (String method : List.of("HEAD", "GET")) {
                out.write((method + " /echo/x HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    head.append((char) in.read());
                }
                assertThat(head.toString()).startsWith("HTTP/1.1 200").containsIgnoringCase("content-length: ");
                if (method.equals("GET")) {
                    int length = Integer.parseInt(head.toString().replaceAll("(?is).*content-length: (\\d+).*", "$1"));
                    assertThat(new String(in.readNBytes(length), java.nio.charset.StandardCharsets.UTF_8)).contains("\"method\":\"GET\"");
                }
            }
        }
    }

    @Test
    void unknownPathsAre404ButRecorded() throws Exception {
        HttpResponse<String> response = http.get("/v2/nothing");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(TestHttp.json(response).at("/error/message").asText()).contains("/v2/nothing");
        assertThat(http.mock().requests()).extracting(RecordedRequest::path).containsExactly("/v2/nothing");
    }

    @Test
    void mockAdminEndpointsListAndClearButAreNotRecorded() throws Exception {
        http.post("/echo/one", "first");
        http.get("/echo/two?x=y");

        JsonNode listed = TestHttp.json(http.get("/__mock/requests"));
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0).path("body").asText()).isEqualTo("first");
        assertThat(listed.get(1).path("query").asText()).isEqualTo("x=y");
        assertThat(listed.get(1).path("headers").has("host")).isTrue();

        HttpResponse<String> cleared = TestHttp.CLIENT.send(
                http.request("/__mock/requests").DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cleared.statusCode()).isEqualTo(204);
        assertThat(TestHttp.json(http.get("/__mock/requests"))).isEmpty();
        assertThat(http.mock().requests()).isEmpty();
    }

    @Test
    void echoDescribesAnyMethod() throws Exception {
        for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
            HttpRequest request = http.request("/echo/a/b?q=1").header("X-Forwarded-For", "10.0.0.1")
                    .method(method, HttpRequest.BodyPublishers.ofString(method.equals("GET") ? "" : "payload"))
                    .build();
            JsonNode echo = TestHttp.json(TestHttp.CLIENT.send(request, HttpResponse.BodyHandlers.ofString()));

            assertThat(echo.path("method").asText()).isEqualTo(method);
            assertThat(echo.path("path").asText()).isEqualTo("/echo/a/b");
            assertThat(echo.path("query").asText()).isEqualTo("q=1");
            assertThat(echo.at("/headers/x-forwarded-for").asText()).isEqualTo("10.0.0.1");
            assertThat(echo.path("body").asText()).isEqualTo(method.equals("GET") ? "" : "payload");
        }
    }

    @Test
    void sseHelperStreamsEventsOverTime() throws Exception {
        TestHttp.Stream stream = http.streamGet("/stream/sse?events=4&delay_ms=60");

        assertThat(stream.lines()).containsExactly("data: event 1", "data: event 2", "data: event 3", "data: event 4");
        long spreadMs = (stream.arrivalNanos().getLast() - stream.arrivalNanos().getFirst()) / 1_000_000;
        assertThat(spreadMs).isGreaterThanOrEqualTo(120);
    }

    @Test
    void bytesHelperAnswersTheAskedSize() throws Exception {
        HttpResponse<byte[]> response = TestHttp.CLIENT.send(
                http.request("/bytes?size=200000").GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).hasSize(200_000);
        assertThat(response.body()[27]).isEqualTo((byte) 'b');
        assertThat(http.get("/bytes?size=-1").statusCode()).isEqualTo(400);
    }
}
