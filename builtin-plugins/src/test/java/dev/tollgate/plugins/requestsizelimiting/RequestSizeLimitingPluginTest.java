package dev.tollgate.plugins.requestsizelimiting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.testkit.FakePluginContext;

class RequestSizeLimitingPluginTest {
    static final Map<String, String> TOO_LARGE = Map.of("message", "Request size limit exceeded");
    static final Map<String, String> LENGTH_REQUIRED = Map.of("message", "A valid Content-Length header is required");

    private FakePluginContext fake;
    private BodyReadRecordingContext ctx;

    private void run(Map<String, ?> config, FakePluginContext.Builder request) {
        var factory = new RequestSizeLimitingPluginFactory();
        fake = request.method("POST").build();
        ctx = new BodyReadRecordingContext(fake.in(Phase.ACCESS));
        factory.create(factory.configSchema().validate(config)).access(ctx.context());
    }

    private static FakePluginContext.Builder request() {
        return FakePluginContext.builder();
    }

    @Test
    void lengthUpToTheLimitPassesWithoutReadingTheBody() {
        run(Map.of("allowed_payload_size", 10, "size_unit", "bytes"), request().header("Content-Length", "10").body("0123456789"));

        assertThat(fake.exitStatus()).isZero();
        assertThat(ctx.bodyRead()).isFalse();
    }

    @Test
    void declaredLengthOverTheLimitIs413WithoutReadingTheBody() {
        run(Map.of("allowed_payload_size", 10, "size_unit", "bytes"), request().header("Content-Length", "11"));

        assertThat(fake.exitStatus()).isEqualTo(413);
        assertThat(fake.exitBody()).isEqualTo(TOO_LARGE);
        assertThat(ctx.bodyRead()).isFalse();
    }

    @Test
    void unitsAreBinaryMultiples() {
        run(Map.of("allowed_payload_size", 1, "size_unit", "kilobytes"), request().header("Content-Length", "1024"));
        assertThat(fake.exitStatus()).isZero();
        run(Map.of("allowed_payload_size", 1, "size_unit", "kilobytes"), request().header("Content-Length", "1025"));
        assertThat(fake.exitStatus()).isEqualTo(413);

        run(Map.of("allowed_payload_size", 2), request().header("Content-Length", Long.toString(2L << 20)));
        assertThat(fake.exitStatus()).isZero();
        run(Map.of("allowed_payload_size", 2), request().header("Content-Length", Long.toString((2L << 20) + 1)));
        assertThat(fake.exitStatus()).isEqualTo(413);
    }

    @Test
    void defaultLimitIs128Megabytes() {
        run(Map.of(), request().header("Content-Length", Long.toString(128L << 20)));
        assertThat(fake.exitStatus()).isZero();
        run(Map.of(), request().header("Content-Length", Long.toString((128L << 20) + 1)));
        assertThat(fake.exitStatus()).isEqualTo(413);
        run(Map.of(), request().header("Content-Length", "99999999999999999999999999"));
        assertThat(fake.exitStatus()).isEqualTo(413);
    }

    @Test
    void clientWaitingFor100ContinueGets417() {
        run(Map.of("allowed_payload_size", 1, "size_unit", "bytes"),
                request().header("Content-Length", "2").header("Expect", " 100-Continue "));

        assertThat(fake.exitStatus()).isEqualTo(417);
        assertThat(fake.exitBody()).isEqualTo(TOO_LARGE);
    }

    @Test
    void withoutContentLengthTheBodyIsReadAndMeasured() {
        run(Map.of("allowed_payload_size", 5, "size_unit", "bytes"), request().header("Transfer-Encoding", "chunked").body("12345"));
        assertThat(fake.exitStatus()).isZero();
        assertThat(ctx.bodyRead()).isTrue();

        run(Map.of("allowed_payload_size", 5, "size_unit", "bytes"), request().header("Transfer-Encoding", "chunked").body("123456"));
        assertThat(fake.exitStatus()).isEqualTo(413);
        assertThat(ctx.bodyRead()).isTrue();
    }

    @Test
    void anInvalidContentLengthCountsAsNone() {
        run(Map.of("allowed_payload_size", 5, "size_unit", "bytes"), request().header("Content-Length", "abc").body("123456"));

        assertThat(fake.exitStatus()).isEqualTo(413);
        assertThat(ctx.bodyRead()).isTrue();
    }

    @Test
    void requireContentLengthRefusesRequestsWithoutOne() {
        run(Map.of("require_content_length", true), request().body("small"));
        assertThat(fake.exitStatus()).isEqualTo(411);
        assertThat(fake.exitBody()).isEqualTo(LENGTH_REQUIRED);
        assertThat(ctx.bodyRead()).isFalse();

        run(Map.of("require_content_length", true), request().header("Content-Length", "-1"));
        assertThat(fake.exitStatus()).isEqualTo(411);

        run(Map.of("require_content_length", true), request().header("Content-Length", "5").body("small"));
        assertThat(fake.exitStatus()).isZero();
    }

    @Test
    void printsItsLimit() {
        var factory = new RequestSizeLimitingPluginFactory();
        assertThat(factory.create(factory.configSchema().validate(Map.of())).toString())
                .isEqualTo("request-size-limiting{allowed_payload_size=128, size_unit=megabytes, require_content_length=false}");
    }
}
