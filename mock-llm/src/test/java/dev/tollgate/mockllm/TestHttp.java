package dev.tollgate.mockllm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HTTP client against a running mock, with the few shapes the tests need. Made with
 * {@link #withOwnMock()} and registered as an extension, it starts its own mock (no token delay)
 * before a test class's tests and stops it after them.
 */
final class TestHttp implements BeforeAllCallback, AfterAllCallback {

    static final ObjectMapper JSON = new ObjectMapper();
    // HTTP/1.1 explicitly: the JDK client would otherwise send h2c upgrade headers.
    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final boolean ownsMock;
    private MockLlm mock;

    /** A client of {@code mock}, which the caller starts and stops. */
    TestHttp(MockLlm mock) {
        this.mock = mock;
        this.ownsMock = false;
    }

    private TestHttp() {
        this.ownsMock = true;
    }

    static TestHttp withOwnMock() {
        return new TestHttp();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (ownsMock) {
            mock = MockLlm.builder().tokenDelay(Duration.ZERO).build().start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (ownsMock) {
            mock.stop();
        }
    }

    MockLlm mock() {
        return mock;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(mock.baseUrl() + path)).timeout(Duration.ofSeconds(10));
    }

    HttpResponse<String> post(String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return CLIENT.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Posts and reads the answer line by line, noting when each non-empty line arrived. */
    Stream stream(String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<InputStream> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        return Stream.read(response);
    }

    Stream streamGet(String path) throws IOException, InterruptedException {
        return Stream.read(CLIENT.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    /** The texts at {@code pointer} in each of {@code nodes} (where there is one), joined. */
    static String joined(List<JsonNode> nodes, String pointer) {
        StringBuilder joined = new StringBuilder();
        nodes.forEach(node -> joined.append(node.at(pointer).asText("")));
        return joined.toString();
    }

    /**
     * A streamed answer as received.
     *
     * @param failure the exception that ended the read early, or null when the stream ended cleanly
     */
    record Stream(HttpResponse<InputStream> response, List<String> lines, List<Long> arrivalNanos, IOException failure) {

        static Stream read(HttpResponse<InputStream> response) {
            List<String> lines = new ArrayList<>();
            List<Long> arrivals = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    if (!line.isEmpty()) {
                        lines.add(line);
                        arrivals.add(System.nanoTime());
                    }
                }
            } catch (IOException e) {
                return new Stream(response, lines, arrivals, e);
            }
            return new Stream(response, lines, arrivals, null);
        }

        /** The names of the {@code event:} lines, in order. */
        List<String> eventNames() {
            return lines.stream().filter(l -> l.startsWith("event: ")).map(l -> l.substring(7)).toList();
        }

        /** The JSON of every {@code data:} line except {@code [DONE]}. */
        List<JsonNode> dataJson() {
            return lines.stream().filter(l -> l.startsWith("data: ") && !l.equals("data: [DONE]"))
                    .map(l -> parse(l.substring(6))).toList();
        }

        /** Every line as JSON, as NDJSON is read. */
        List<JsonNode> jsonLines() {
            return lines.stream().map(Stream::parse).toList();
        }

        private static JsonNode parse(String json) {
            try {
                return JSON.readTree(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
