package dev.tollgate.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseDecoderTest {

    private final List<String> events = new ArrayList<>();
    private final SseDecoder decoder = new SseDecoder((data, arrived) -> events.add(data));

    @Test
    void findsEventsHoweverTheReadsSplitThem() {
        String stream = ": keep-alive comment\n\ndata: {\"a\":\"é\"}\r\n\r\nevent: x\ndata: one\ndata:two\n\ndata: [DONE]\r\r";
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        // Every split point, including inside the two-byte é and between CR and LF.
        for (int split = 0; split <= bytes.length; split++) {
            events.clear();
            decoder.accept(bytes, 0, split);
            decoder.accept(bytes, split, bytes.length - split);
            assertThat(events).as("split at %d", split).containsExactly("{\"a\":\"é\"}", "one\ntwo", "[DONE]");
        }
    }

    @Test
    void dispatchesNothingUntilTheBlankLine() {
        decoder.accept(bytes("data: partial\n"), 0, 14);

        assertThat(events).isEmpty();
    }

    @Test
    void stampsEachEventWithTheReadThatCompletedIt() throws InterruptedException {
        List<Long> times = new ArrayList<>();
        SseDecoder timed = new SseDecoder((data, arrived) -> times.add(arrived));
        byte[] first = bytes("data: a\n\ndata: b\n\ndata: c");
        timed.accept(first, 0, first.length);
        Thread.sleep(30);
        byte[] second = bytes("\n\n");
        timed.accept(second, 0, second.length);

        assertThat(times).hasSize(3);
        assertThat(times.get(1)).isEqualTo(times.get(0));
        assertThat(times.get(2) - times.get(1)).isGreaterThanOrEqualTo(30_000_000L);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
