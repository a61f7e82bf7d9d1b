package dev.tollgate.plugins.httplog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.tollgate.commons.queue.QueueConfig;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.SchemaViolationException;

class HttpLogConfigTest {
    private static final String URL = "http://collector.internal:9000/logs";
    private final HttpLogPluginFactory factory = new HttpLogPluginFactory();

    private Map<String, String> errors(Object... fields) {
        Map<String, Object> input = new HashMap<>(Map.of("http_endpoint", URL));
        for (int i = 0; i < fields.length; i += 2) {
            input.put((String) fields[i], fields[i + 1]);
        }
        try {
            factory.configSchema().validate(input);
        } catch (SchemaViolationException e) {
            return e.errors();
        }
        throw new AssertionError("accepted: " + input);
    }

    @Test
    void factoryIsKongsHttpLog() {
        assertThat(factory.name()).isEqualTo("http-log");
        assertThat(factory.priority()).isEqualTo(12);
        assertThat(factory.version()).isEqualTo("1.0.0");
        assertThat(factory.phases()).isEqualTo(Set.of(Phase.LOG));
        assertThat(factory.credentialType()).isEmpty();
        var plugin = factory.create(factory.configSchema().validate(Map.of("http_endpoint", URL)));
        assertThat(plugin).hasToString("http-log{http_endpoint=" + URL + ", method=POST, max_batch_size=1}");
        ((HttpLogPlugin) plugin).close();
    }

    @Test
    void everyFieldIsDescribedAndCredentialsAreSecret() {
        ConfigSchema schema = factory.configSchema();
        assertThat(schema.fields()).extracting(Field::name).containsExactly("http_endpoint", "method", "content_type",
                "timeout", "keepalive", "headers", "custom_fields", "queue");
        ConfigSchema queue = schema.field("queue").flatMap(Field::record).orElseThrow();
        assertThat(queue.fields()).extracting(Field::name).containsExactly("max_batch_size", "max_coalescing_delay",
                "max_entries", "max_retry_time", "initial_retry_delay", "max_retry_delay");
        assertThat(schema.fields()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
        assertThat(queue.fields()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
        assertThat(schema.fields()).filteredOn(Field::secret).extracting(Field::name)
                .containsExactly("http_endpoint", "headers");
    }

    @Test
    void defaults() {
        var config = factory.configSchema().validate(Map.of("http_endpoint", URL));
        Map<String, Object> queue = new LinkedHashMap<>();
        queue.put("max_batch_size", 1L);
        queue.put("max_coalescing_delay", 1.0);
        queue.put("max_entries", 10_000L);
        queue.put("max_retry_time", 60.0);
        queue.put("initial_retry_delay", 0.01);
        queue.put("max_retry_delay", 60.0);
        assertThat(config.asMap()).containsEntry("method", "POST").containsEntry("content_type", "application/json")
                .containsEntry("timeout", 10_000.0).containsEntry("keepalive", 60_000.0)
                .containsEntry("headers", null).containsEntry("custom_fields", null).containsEntry("queue", queue);

        assertThat(HttpLogConfig.from(config)).isEqualTo(new HttpLogConfig(URI.create(URL), "POST", "application/json",
                Duration.ofSeconds(10), Duration.ofSeconds(60), Map.of(), Map.of(),
                new QueueConfig(1, Duration.ofSeconds(1), 10_000, Duration.ofSeconds(60), Duration.ofMillis(10),
                        Duration.ofSeconds(60))));
        assertThat(QueueConfig.defaults(1)).isEqualTo(HttpLogConfig.from(config).queue());
    }

    @Test
    void fullMapping() {
        Map<String, Object> input = Map.of("http_endpoint", "https://u:p@logs.example.com/in?k=1", "method", "PATCH",
                "content_type", "application/json; charset=utf-8", "timeout", 2500, "keepalive", "0",
                "headers", Map.of("X-Token", "t"), "custom_fields", Map.of("env", "prod"),
                "queue", Map.of("max_batch_size", 50, "max_coalescing_delay", 0.5, "max_entries", 100,
                        "max_retry_time", 10, "initial_retry_delay", 0.1, "max_retry_delay", 2));

        HttpLogConfig config = HttpLogConfig.from(factory.configSchema().validate(input));

        assertThat(config).isEqualTo(new HttpLogConfig(URI.create("https://u:p@logs.example.com/in?k=1"), "PATCH",
                "application/json; charset=utf-8", Duration.ofMillis(2500), Duration.ZERO, Map.of("X-Token", "t"),
                Map.of("env", "prod"), new QueueConfig(50, Duration.ofMillis(500), 100, Duration.ofSeconds(10),
                        Duration.ofMillis(100), Duration.ofSeconds(2))));
        assertThat(config.target()).isEqualTo(URI.create("https://logs.example.com/in?k=1"));
        assertThat(config.authorization()).contains("Basic dTpw");
        assertThat(config.printableEndpoint()).isEqualTo("https://logs.example.com/in");
    }

    @Test
    void anEndpointWithoutPathIsSentToTheRoot() {
        HttpLogConfig config = HttpLogConfig.from(factory.configSchema().validate(Map.of("http_endpoint", "http://[::1]:8080")));
        assertThat(config.target()).isEqualTo(URI.create("http://[::1]:8080/"));
        assertThat(config.authorization()).isEmpty();
    }

    @Test
    void wrongValuesNameTheField() {
        assertThat(errors("http_endpoint", null)).containsExactly(Map.entry("http_endpoint", "required field missing"));
        String expectedUrl = " (expected: an http or https URL with a host)";
        assertThat(errors("http_endpoint", "ftp://host/x")).containsEntry("http_endpoint", "invalid value 'ftp://host/x'" + expectedUrl);
        assertThat(errors("http_endpoint", "collector:9000")).containsKey("http_endpoint");
        assertThat(errors("http_endpoint", "http:///logs")).containsKey("http_endpoint");
        assertThat(errors("http_endpoint", "http://a b/")).containsKey("http_endpoint");
        assertThat(errors("method", "GET")).containsEntry("method", "expected one of: POST, PUT, PATCH (got 'GET')");
        assertThat(errors("content_type", "text/plain")).containsKey("content_type");
        assertThat(errors("timeout", 0)).containsEntry("timeout", "value 0.0 out of range (expected: 1..2147483647)");
        assertThat(errors("keepalive", -1)).containsKey("keepalive");
        assertThat(errors("headers", Map.of("Host", "x"))).containsKey("headers");
        assertThat(errors("headers", Map.of("Bad Name", "x"))).containsKey("headers");
        assertThat(errors("headers", Map.of("X-A", "a\r\nX-B: b"))).containsKey("headers");
        assertThat(errors("queue", Map.of("max_batch_size", 0))).containsEntry("queue.max_batch_size",
                "value 0 out of range (expected: 1..1000000)");
        assertThat(errors("queue", Map.of("max_entries", 0))).containsKey("queue.max_entries");
        assertThat(errors("queue", Map.of("initial_retry_delay", 0.0001))).containsEntry("queue.initial_retry_delay",
                "invalid value a number (1.0E-4) (expected: >= 0.001)");
        assertThat(errors("queue", Map.of("concurrency_limit", 1))).containsEntry("queue.concurrency_limit", "unknown field");
        assertThat(errors("queue_size", 5)).containsEntry("queue_size", "unknown field");
    }

    @Test
    void theRecordRefusesWhatTheSchemaRefuses() {
        QueueConfig queue = QueueConfig.defaults(1);
        assertThatThrownBy(() -> new HttpLogConfig(URI.create("ftp://h/"), null, null, Duration.ofSeconds(1), null,
                null, null, queue)).hasMessage("config.http_endpoint: scheme 'ftp' (expected: http or https)");
        assertThatThrownBy(() -> new HttpLogConfig(URI.create(URL), "GET", null, Duration.ofSeconds(1), null,
                null, null, queue)).hasMessage("config.method: GET (expected: POST, PUT or PATCH)");
        assertThatThrownBy(() -> new HttpLogConfig(URI.create(URL), null, null, Duration.ZERO, null,
                null, null, queue)).hasMessage("config.timeout: 0 (expected: > 0)");
        assertThatThrownBy(() -> new HttpLogConfig(URI.create(URL), null, null, Duration.ofSeconds(1), null,
                Map.of("Content-Length", "1"), null, queue)).hasMessage("config.headers: 'Content-Length' is set by the gateway");
        assertThatThrownBy(() -> new QueueConfig(1, Duration.ZERO, 1, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessage("config.queue.initial_retry_delay: PT0S (expected: > 0)");
        HttpLogConfig defaults = new HttpLogConfig(URI.create(URL), null, null, Duration.ofSeconds(1), null, null, null, queue);
        assertThat(defaults.method()).isEqualTo("POST");
        assertThat(defaults.contentType()).isEqualTo("application/json");
        assertThat(defaults.keepalive()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.headers()).isEmpty();
        assertThat(Optional.of(defaults.customFields())).contains(Map.of());
    }
}
