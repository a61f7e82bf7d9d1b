package dev.tollgate.commons.llm.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class StreamParserTest {
    static final String OPENAI_STREAM = """
            data: {"id":"chatcmpl-1","choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}

            data: {"id":"chatcmpl-1","choices":[{"index":0,"delta":{"content":"Hé"}}]}

            : keep-alive

            data: [DONE]

            """;

    /** Feeds {@code wire} cut every {@code step} bytes, then ends the stream. */
    static List<SseEvent> parse(StreamFraming framing, byte[] wire, int step) {
        StreamParser parser = new StreamParser(framing);
        List<SseEvent> out = new ArrayList<>();
        for (int i = 0; i < wire.length; i += step) {
            out.addAll(parser.feed(Arrays.copyOfRange(wire, i, Math.min(wire.length, i + step))));
        }
        out.addAll(parser.finish());
        return out;
    }

    static List<SseEvent> parse(String wire) {
        return parse(StreamFraming.SSE, wire.getBytes(StandardCharsets.UTF_8), Integer.MAX_VALUE);
    }

    @Test
    void eventsAreTheSameWhereverTheChunksAreCut() {
        byte[] wire = OPENAI_STREAM.getBytes(StandardCharsets.UTF_8);
        List<SseEvent> whole = parse(StreamFraming.SSE, wire, wire.length);

        assertThat(whole).extracting(SseEvent::data).containsExactly(
                "{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}",
                "{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hé\"}}]}",
                "[DONE]");
        for (int step = 1; step < wire.length; step++) {
            assertThat(parse(StreamFraming.SSE, wire, step)).as("cut every %d bytes", step).isEqualTo(whole);
        }
    }

    @Test
    void aUtf8CharacterCutBetweenChunksArrivesWhole() {
        byte[] wire = "data: {\"t\":\"日本語 ✓ 😀\"}\n\n".getBytes(StandardCharsets.UTF_8);
        StreamParser parser = new StreamParser(StreamFraming.SSE);
        int cut = "data: {\"t\":\"日".getBytes(StandardCharsets.UTF_8).length - 1; // inside 日

        assertThat(parser.feed(Arrays.copyOfRange(wire, 0, cut))).isEmpty();
        assertThat(parser.feed(Arrays.copyOfRange(wire, cut, wire.length)))
                .extracting(SseEvent::data).containsExactly("{\"t\":\"日本語 ✓ 😀\"}");
    }

    @Test
    void crlfAndLoneCrEndLinesLikeLf() {
        assertThat(parse("event: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\rdata: 3\n\n"))
                .containsExactly(SseEvent.of("a", "1"), SseEvent.of("b", "2"), SseEvent.data("3"));
    }

    @Test
    void aCrlfCutBetweenCrAndLfIsOneLineEnd() {
        byte[] wire = "data: 1\r\n\r\ndata: 2\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        for (int step = 1; step <= wire.length; step++) {
            assertThat(parse(StreamFraming.SSE, wire, step)).as("cut every %d bytes", step)
                    .containsExactly(SseEvent.data("1"), SseEvent.data("2"));
        }
    }

    @Test
    void eventNamesAreKeptAndCommentsIdsAndRetriesSkipped() {
        assertThat(parse("""
                : ping
                id: 7
                retry: 1000
                event: message_start
                data: {"type":"message_start"}

                """)).containsExactly(SseEvent.of("message_start", "{\"type\":\"message_start\"}"));
    }

    @Test
    void dataLinesOfOneEventAreJoinedWithNewlines() {
        assertThat(parse("data: first\ndata:second\ndata:  third\n\n"))
                .containsExactly(SseEvent.data("first\nsecond\n third"));
    }

    @Test
    void anEventNameDoesNotLeakIntoTheNextEvent() {
        assertThat(parse("event: ping\ndata: {}\n\ndata: {\"a\":1}\n\n"))
                .containsExactly(SseEvent.of("ping", "{}"), SseEvent.data("{\"a\":1}"));
    }

    @Test
    void aBlankLineWithoutDataDispatchesNothing() {
        assertThat(parse("\n\nevent: lonely\n\n: comment\n\n")).isEmpty();
    }

    @Test
    void theLastEventWithoutItsBlankLineIsDeliveredAtTheEnd() {
        StreamParser parser = new StreamParser(StreamFraming.SSE);
        assertThat(parser.feed("data: 1\n\ndata: 2".getBytes(StandardCharsets.UTF_8))).containsExactly(SseEvent.data("1"));
        assertThat(parser.finish()).containsExactly(SseEvent.data("2"));
    }

    @Test
    void ndjsonGivesOneEventALineWhateverTheCuts() {
        byte[] wire = """
                {"message":{"content":"Bonjour"},"done":false}

                {"message":{"content":" à vous"},"done":false}\r
                {"done":true,"eval_count":3}""".getBytes(StandardCharsets.UTF_8);
        List<SseEvent> expected = List.of(SseEvent.data("{\"message\":{\"content\":\"Bonjour\"},\"done\":false}"),
                SseEvent.data("{\"message\":{\"content\":\" à vous\"},\"done\":false}"),
                SseEvent.data("{\"done\":true,\"eval_count\":3}"));
        for (int step = 1; step <= wire.length; step++) {
            assertThat(parse(StreamFraming.NDJSON, wire, step)).as("cut every %d bytes", step).isEqualTo(expected);
        }
    }

    @Test
    void ndjsonLinesAreNotReadAsSseFields() {
        assertThat(parse(StreamFraming.NDJSON, ": {\"a\":1}\n".getBytes(StandardCharsets.UTF_8), 100))
                .containsExactly(SseEvent.data(": {\"a\":1}"));
    }

    @Test
    void anEndlessLineIsRefused() {
        StreamParser parser = new StreamParser(StreamFraming.SSE);
        byte[] chunk = new byte[1024 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        assertThatThrownBy(() -> {
            for (int i = 0; i <= StreamParser.MAX_PENDING / chunk.length; i++) {
                parser.feed(chunk);
            }
        }).isInstanceOf(IllegalStateException.class).hasMessageContaining("over");
    }

    @Test
    void wireFormRoundTrips() {
        SseEvent event = SseEvent.of("delta", "line 1\nline 2");
        assertThat(event.toWire()).isEqualTo("event: delta\ndata: line 1\ndata: line 2\n\n");
        assertThat(parse(event.toWire())).containsExactly(event);
    }
}
