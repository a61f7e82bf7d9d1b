package dev.tollgate.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.mockllm.MockLlm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SseProbeTest {

    private static final String CHAT = "{\"model\":\"mock-gpt\",\"stream\":true,\"mock_tokens\":50,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Count to fifty.\"}]}";

    @Test
    void timesTheTokensOfTheMockLlmsStreams() {
        try (MockLlm llm = MockLlm.builder().host("127.0.0.1").port(0).tokenDelay(Duration.ofMillis(2)).build()
                .start()) {
            RateDriver.Request chat = RateDriver.Request.post(URI.create(llm.baseUrl() + "/v1/chat/completions"),
                    Map.of("Content-Type", "application/json"), CHAT.getBytes(StandardCharsets.UTF_8));

            SseProbe.Result result = new SseProbe(Duration.ofSeconds(5)).run(chat, 8, 2);

            String summary = result.summary();
            System.out.println(summary);
            assertThat(result.streams()).as(summary).isEqualTo(8);
            assertThat(result.errors()).as(summary).isZero();
            assertThat(result.minTokens()).isEqualTo(50);
            assertThat(result.maxTokens()).isEqualTo(50);
            assertThat(result.ttft().getTotalCount()).isEqualTo(8);
            assertThat(result.ttft().getMaxValue()).as(summary).isLessThan(1_000_000);
            // The mock sets TCP_NODELAY: without it the first event waited ~40 ms for a delayed ACK.
            assertThat(result.ttft().getValueAtPercentile(50)).as(summary).isLessThan(30_000);
            assertThat(result.interToken().getTotalCount()).isEqualTo(8 * 49);
            // The mock waits 2 ms before each token but the first; a loaded machine adds a little.
            assertThat(result.interToken().getValueAtPercentile(50)).as(summary).isBetween(1_900L, 6_000L);
            assertThat(result.total().getMinValue()).as(summary).isGreaterThanOrEqualTo(49 * 2_000);
        }
    }

    @Test
    void timesEachEventWhenItArrivesHoweverTheChunksCutIt() throws IOException {
        // Two tokens, the second split across two chunks 150 ms apart, with CRLF lines and an
        // "é" cut in half; [DONE] in the same chunk as the end of the second token.
        byte[] second = "data: {\"choices\":[{\"delta\":{\"content\":\" é\"}}]}\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        int cut = indexOf(second, (byte) 0xA9); // the second byte of é
        try (RawHttpServer server = RawHttpServer.start((n, out) -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            chunk(out, join(event("{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}"),
                    event("{\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}"), slice(second, 0, cut)));
            Thread.sleep(150);
            chunk(out, join(slice(second, cut, second.length), event("{\"choices\":[{\"delta\":{},"
                    + "\"finish_reason\":\"stop\"}]}"), event("[DONE]")));
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return true;
        })) {
            SseProbe.Result result = new SseProbe(Duration.ofSeconds(5)).run(get(server), 2, 1);

            String summary = result.summary();
            System.out.println(summary);
            assertThat(result.streams()).as(summary).isEqualTo(2);
            assertThat(result.minTokens()).isEqualTo(2);
            assertThat(result.maxTokens()).isEqualTo(2);
            // The first token is timed when it came, not when the body ended.
            assertThat(result.ttft().getMaxValue()).as(summary).isLessThan(100_000);
            // 150 ms apart on the server; a busy client may take a few ms to read the first.
            assertThat(result.interToken().getMinValue()).as(summary).isGreaterThanOrEqualTo(120_000);
            assertThat(result.total().getMinValue()).as(summary).isGreaterThanOrEqualTo(149_000);
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void countsAStreamThatDoesNotEndWithDoneAsAnError() throws IOException {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] token = event("{\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}");
        try (RawHttpServer server = RawHttpServer.start((n, out) -> {
            switch (n) {
                case 0 -> { // ends well, but without [DONE]
                    out.write(head);
                    chunk(out, token);
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                case 1 -> { // cut mid-stream: no [DONE], no last chunk
                    out.write(head);
                    chunk(out, token);
                    out.flush();
                    return false;
                }
                case 2 -> RawHttpServer.respond(out, 503, "Content-Type: application/json\r\n", "{\"error\":{}}");
                default -> {
                    out.write(head);
                    chunk(out, join(token, event("[DONE]")));
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
            out.flush();
            return true;
        })) {
            SseProbe.Result result = new SseProbe(Duration.ofSeconds(5)).run(get(server), 4, 1);

            String summary = result.summary();
            System.out.println(summary);
            assertThat(result.streams()).as(summary).isEqualTo(1);
            assertThat(result.errors()).isEqualTo(3);
            assertThat(result.errorKinds()).isEqualTo(Map.of("no [DONE]", 1L, "EOFException", 1L, "status 503", 1L));
            // Only the stream that ended well is measured.
            assertThat(result.ttft().getTotalCount()).isEqualTo(1);
        }
    }

    private static RateDriver.Request get(RawHttpServer server) {
        return RateDriver.Request.get(server.uri("/v1/chat/completions"), Map.of("Accept", "text/event-stream"));
    }

    private static byte[] event(String data) {
        return ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void chunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static byte[] join(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("no " + b);
    }
}
