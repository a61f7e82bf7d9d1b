package dev.tollgate.plugins.httplog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tollgate.plugins.httplog.RecordingEndpoint.Received;
import dev.tollgate.commons.json.PlainJson;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.testkit.FakePluginContext;
import dev.tollgate.sdk.testkit.RecordingLogger;

class HttpLogPluginTest {
    private RecordingEndpoint endpoint;
    private final RecordingLogger senderLog = new RecordingLogger();
    private final List<HttpLogPlugin> plugins = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        endpoint = RecordingEndpoint.start();
    }

    @AfterEach
    void stop() {
        plugins.forEach(HttpLogPlugin::close);
        endpoint.close();
    }

    private HttpLogPlugin plugin(String url, Map<String, ?> queue, Object... more) {
        Map<String, Object> input = new HashMap<>();
        input.put("http_endpoint", url);
        input.put("queue", queue);
        for (int i = 0; i < more.length; i += 2) {
            input.put((String) more[i], more[i + 1]);
        }
        HttpLogPlugin plugin = new HttpLogPlugin(HttpLogConfig.from(HttpLogConfig.SCHEMA.validate(input)), senderLog);
        plugins.add(plugin);
        return plugin;
    }

    private static FakePluginContext log(HttpLogPlugin plugin, String path) {
        FakePluginContext ctx = FakePluginContext.builder().path(path).upstreamResponse(200, Map.of()).build();
        plugin.log(ctx.in(Phase.LOG));
        return ctx;
    }

    @SuppressWarnings("unchecked")
    private static String uri(Object entry) {
        return (String) ((Map<String, Object>) ((Map<String, Object>) entry).get("request")).get("uri");
    }

    private static List<String> uris(String arrayBody) {
        return ((List<?>) PlainJson.parse(arrayBody)).stream().map(HttpLogPluginTest::uri).toList();
    }

    @Test
    void sendsEachEntryAsOneJsonObject() throws Exception {
        HttpLogPlugin plugin = plugin(endpoint.url("/logs?source=gw"), Map.of(),
                "headers", Map.of("X-Collector-Token", "t-1"));

        FakePluginContext ctx = log(plugin, "/one");
        log(plugin, "/two");

        Received first = endpoint.take();
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo("/logs?source=gw");
        assertThat(first.headers()).containsEntry("content-type", "application/json")
                .containsEntry("x-collector-token", "t-1").doesNotContainKey("authorization");
        assertThat(uri(PlainJson.object(first.body()))).isEqualTo("/one");
        assertThat(uri(PlainJson.object(endpoint.take().body()))).isEqualTo("/two");
        assertThat(ctx.logLines()).isEmpty();
        assertThat(senderLog.lines()).isEmpty();
    }

    @Test
    void usesTheConfiguredMethodContentTypeAndCredentials() throws Exception {
        String url = endpoint.url("/logs").replace("http://", "http://collector:p%40ss@");
        HttpLogPlugin plugin = plugin(url, Map.of(), "method", "PUT",
                "content_type", "application/json; charset=utf-8", "custom_fields", Map.of("env", "prod"));

        log(plugin, "/x");

        Received r = endpoint.take();
        assertThat(r.method()).isEqualTo("PUT");
        assertThat(r.headers()).containsEntry("content-type", "application/json; charset=utf-8")
                .containsEntry("authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("collector:p@ss".getBytes(StandardCharsets.UTF_8)));
        assertThat(PlainJson.object(r.body())).containsEntry("env", "prod");
        assertThat(plugin.toString()).doesNotContain("collector", "p%40ss")
                .isEqualTo("http-log{http_endpoint=" + endpoint.url("/logs") + ", method=PUT, max_batch_size=1}");
    }

    @Test
    void aFullBatchIsSentAtOnceAsAnArray() throws Exception {
        HttpLogPlugin plugin = plugin(endpoint.url("/logs"), Map.of("max_batch_size", 3, "max_coalescing_delay", 30));

        for (String path : List.of("/a", "/b", "/c", "/d")) {
            log(plugin, path);
        }

        assertThat(uris(endpoint.take().body())).containsExactly("/a", "/b", "/c");
        assertThat(endpoint.poll(200)).as("/d waits for its batch to fill or for 30 s").isNull();
    }

    @Test
    void aPartBatchIsSentAfterTheCoalescingDelay() throws Exception {
        HttpLogPlugin plugin = plugin(endpoint.url("/logs"), Map.of("max_batch_size", 100, "max_coalescing_delay", 0.3));

        long loggedAt = System.nanoTime();
        log(plugin, "/a");
        log(plugin, "/b");

        Received r = endpoint.take();
        assertThat(uris(r.body())).containsExactly("/a", "/b");
        assertThat(TimeUnit.NANOSECONDS.toMillis(r.atNanos() - loggedAt)).isBetween(250L, 3_000L);
        assertThat(endpoint.poll(100)).isNull();
    }

    @Test
    void retriesAfterServerErrorsThenSucceeds() throws Exception {
        endpoint.answer(500, 503);
        HttpLogPlugin plugin = plugin(endpoint.url("/logs"), Map.of("initial_retry_delay", 0.01));

        log(plugin, "/a");

        String body = endpoint.take().body();
        assertThat(endpoint.take().body()).isEqualTo(body);
        assertThat(endpoint.take().body()).as("the 200").isEqualTo(body);
        log(plugin, "/b");
        assertThat(uri(PlainJson.object(endpoint.take().body()))).isEqualTo("/b");
        assertThat(senderLog.lines()).isEmpty();
    }

    @Test
    void aClientErrorIsNotRetried() throws Exception {
        endpoint.answer(400);
        HttpLogPlugin plugin = plugin(endpoint.url("/logs"), Map.of());

        log(plugin, "/a");
        endpoint.take();
        senderLog.await(l -> l.startsWith("ERROR " + HttpLogSender.REFUSED + "1 entries, status 400"), 2_000);
        log(plugin, "/b");

        assertThat(uri(PlainJson.object(endpoint.take().body()))).as("no retry of /a before /b").isEqualTo("/b");
    }

    @Test
    void connectionErrorsAreRetriedUntilMaxRetryTime() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        HttpLogPlugin plugin = plugin("http://127.0.0.1:" + closedPort + "/logs",
                Map.of("max_retry_time", 0.3, "initial_retry_delay", 0.02, "max_retry_delay", 0.1));

        long start = System.nanoTime();
        log(plugin, "/a");

        String line = senderLog.await(l -> l.startsWith("ERROR " + HttpLogSender.GAVE_UP), 3_000);
        assertThat(line).contains("1 entries for http://127.0.0.1:" + closedPort + "/logs after ")
                .contains("attempts: java.net.ConnectException");
        assertThat(Integer.parseInt(line.replaceAll(".* after (\\d+) attempts.*", "$1"))).isBetween(3, 10);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(150);
    }

    @Test
    void aFullQueueDropsTheOldestAndWarnsOnce() throws Exception {
        endpoint.stopAnswering();
        HttpLogPlugin plugin = plugin(endpoint.url("/logs"), Map.of("max_entries", 3));

        log(plugin, "/1");
        endpoint.take(); // the sender is now waiting for the answer to /1
        List<String> lines = new ArrayList<>();
        for (String path : List.of("/2", "/3", "/4", "/5", "/6")) {
            long before = System.nanoTime();
            lines.addAll(log(plugin, path).logLines());
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before)).as("log() never waits").isLessThan(1_000);
        }
        endpoint.release();

        assertThat(plugin.dropped()).isEqualTo(2);
        assertThat(lines).singleElement().asString().startsWith("WARNING " + HttpLogSender.QUEUE_FULL + "1 since the last warning (max_entries=3)");
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sent.add(uri(PlainJson.object(endpoint.take().body())));
        }
        assertThat(sent).containsExactly("/4", "/5", "/6");
    }

    @Test
    void anEndpointThatNeverAnswersTimesOut() throws Exception {
        endpoint.stopAnswering();
        HttpLogPlugin plugin = plugin(endpoint.url("/logs"), Map.of("max_retry_time", 0), "timeout", 200);

        long start = System.nanoTime();
        log(plugin, "/a");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000);

        String line = senderLog.await(l -> l.startsWith("ERROR " + HttpLogSender.GAVE_UP), 3_000);
        assertThat(line).contains("after 1 attempt: java.net.http.HttpTimeoutException");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(190);
    }

    @Test
    void closeStopsTheSender() throws Exception {
        HttpLogPlugin plugin = plugin(endpoint.url("/logs"), Map.of());
        log(plugin, "/a");
        endpoint.take();

        plugin.close();
        log(plugin, "/b");

        assertThat(endpoint.poll(200)).isNull();
        assertThat(plugin.dropped()).isEqualTo(1);
    }
}
