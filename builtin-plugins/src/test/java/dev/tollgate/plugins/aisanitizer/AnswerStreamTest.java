package dev.tollgate.plugins.aisanitizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.sse.SseEvent;
import dev.tollgate.commons.llm.sse.StreamFraming;
import dev.tollgate.commons.llm.sse.StreamParser;
import org.junit.jupiter.api.Test;

/** Restoring placeholders in answers cut anywhere: between deltas, between network chunks, inside UTF-8. */
class AnswerStreamTest {
    static final String EMAIL = "zoë.müller@example.com";
    static final String PHONE = "+49 30 901820";

    static Placeholders placeholders() {
        Placeholders p = new Placeholders(List.of());
        assertThat(p.placeholderFor("EMAIL", EMAIL)).isEqualTo("<EMAIL_1>");
        assertThat(p.placeholderFor("PHONE", PHONE)).isEqualTo("<PHONE_1>");
        for (int i = 2; i <= 10; i++) {
            p.placeholderFor("EMAIL", "user" + i + "@x.io"); // <EMAIL_10> shares the prefix <EMAIL_1
        }
        return p;
    }

    static final String ANSWER = "Sure, <EMAIL_1> — I'll call <PHONE_1>, then <EMAIL_10>; <b>not</b> <EMAIL_99> or <EMA.";
    static final String RESTORED = "Sure, " + EMAIL + " — I'll call " + PHONE + ", then user10@x.io; <b>not</b> <EMAIL_99> or <EMA.";

    @Test
    void everySplitOfTheTextIsRestoredHoldingBackOnlyAPlaceholderPrefix() {
        Placeholders p = placeholders();
        for (int k = 0; k <= ANSWER.length(); k++) {
            PlaceholderRestorer r = new PlaceholderRestorer(p, false);
            String out = r.feed(ANSWER.substring(0, k));
            String held = r.held();
            assertThat(held.isEmpty() || held.startsWith("<") && held.length() < "<EMAIL_10>".length())
                    .as("held after %d chars: '%s'", k, held).isTrue();
            assertThat(p.restore(ANSWER.substring(0, k), false)).as("nothing but the held prefix is missing")
                    .isEqualTo(out + held);
            out += r.feed(ANSWER.substring(k));
            assertThat(out + r.flush()).as("split at %d", k).isEqualTo(RESTORED);
        }
    }

    @Test
    void characterByCharacterToo() {
        PlaceholderRestorer r = new PlaceholderRestorer(placeholders(), false);
        StringBuilder out = new StringBuilder();
        ANSWER.codePoints().forEach(cp -> out.append(r.feed(Character.toString(cp))));
        assertThat(out.append(r.flush()).toString()).isEqualTo(RESTORED);
    }

    /** An OpenAI stream whose deltas are the answer cut into pieces of {@code size} characters. */
    static byte[] openAiStream(String text, int size) {
        StringBuilder sse = new StringBuilder();
        for (int i = 0; i < text.length(); i += size) {
            String piece = text.substring(i, Math.min(text.length(), i + size));
            sse.append(SseEvent.data("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":7,\"model\":\"m\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":" + Json.string(Json.MAPPER.getNodeFactory()
                    .textNode(piece)) + "},\"finish_reason\":null}]}").toWire());
        }
        sse.append(SseEvent.data("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":7,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}").toWire());
        sse.append("data: [DONE]\n\n");
        return sse.toString().getBytes(StandardCharsets.UTF_8);
    }

    static SseAnswerFilter restoringSse() {
        Placeholders p = placeholders();
        return new SseAnswerFilter((prose, escaped) -> new PlaceholderRestorer(p, escaped));
    }

    /** The content the client reads from a filtered OpenAI stream, checking every event is whole JSON. */
    static String contentOf(byte[] sse) {
        StringBuilder text = new StringBuilder();
        StreamParser parser = new StreamParser(StreamFraming.SSE);
        List<SseEvent> events = new ArrayList<>(parser.feed(sse));
        events.addAll(parser.finish());
        assertThat(events.getLast().data()).isEqualTo("[DONE]");
        for (SseEvent e : events.subList(0, events.size() - 1)) {
            JsonNode chunk = Json.tryParseObject(e.data());
            assertThat(chunk).as(e.data()).isNotNull();
            chunk.path("choices").forEach(c -> text.append(c.path("delta").path("content").asText("")));
        }
        return text.toString();
    }

    @Test
    void anSseStreamSplitAtEveryByteIsRestored() {
        String answer = "Hi <EMAIL_1>, call <PHONE_1> or <EMAIL_10>; <EMA";
        String restored = "Hi " + EMAIL + ", call " + PHONE + " or user10@x.io; <EMA";
        for (int deltaSize : new int[] {3, 200}) { // each placeholder cut across deltas, or whole in one
            byte[] stream = openAiStream(answer, deltaSize);
            for (int k = 0; k <= stream.length; k++) {
                SseAnswerFilter f = restoringSse();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(f.filter(java.util.Arrays.copyOfRange(stream, 0, k), false));
                out.writeBytes(f.filter(java.util.Arrays.copyOfRange(stream, k, stream.length), false));
                out.writeBytes(f.filter(new byte[0], true));
                assertThat(contentOf(out.toByteArray())).as("deltas of %d chars, bytes split at %d", deltaSize, k)
                        .isEqualTo(restored);
            }
        }
    }

    @Test
    void anSseStreamFedOneByteAtATimeIsRestored() {
        byte[] stream = openAiStream(ANSWER, 1);
        SseAnswerFilter f = restoringSse();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : stream) {
            out.writeBytes(f.filter(new byte[] {b}, false));
        }
        out.writeBytes(f.filter(new byte[0], true));
        assertThat(contentOf(out.toByteArray())).isEqualTo(RESTORED);
    }

    @Test
    void heldTextGoesOutBeforeDoneWhenTheStreamHasNoFinishChunk() {
        String text = "ends with <EMAIL_1";
        StringBuilder sse = new StringBuilder();
        for (String piece : new String[] {"ends with <EM", "AIL_1"}) {
            sse.append(SseEvent.data("{\"id\":\"c9\",\"created\":3,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
                    + piece + "\"}}]}").toWire());
        }
        sse.append("data: [DONE]\n\n");
        byte[] out = restoringSse().filter(sse.toString().getBytes(StandardCharsets.UTF_8), true);
        assertThat(contentOf(out)).isEqualTo(text);
        assertThat(new String(out, StandardCharsets.UTF_8)).contains("\"id\":\"c9\"");
    }

    @Test
    void eventsWithNothingToRestorePassAsTheyCameWithoutBeingRewritten() {
        String first = "data: {\"id\":\"c1\", \"choices\": [{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n";
        String plain = "data: {\"id\":\"c1\",   \"choices\": [{\"index\":0,\"delta\":{\"content\":\" there\"}}]}\n\n";
        String out = new String(restoringSse().filter((first + plain).getBytes(StandardCharsets.UTF_8), false),
                StandardCharsets.UTF_8);
        assertThat(out).endsWith(plain); // its odd spacing kept: not parsed and written again
    }

    @Test
    void toolCallArgumentsAreRestoredJsonEscaped() {
        Placeholders p = new Placeholders(List.of());
        p.placeholderFor("NAME", "O\"Brien");
        StringBuilder sse = new StringBuilder();
        for (String args : new String[] {"{\\\"who\\\":\\\"<NA", "ME_1>\\\"}"}) {
            sse.append(SseEvent.data("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":"
                    + "{\"arguments\":\"" + args + "\"}}]},\"finish_reason\":null}]}").toWire());
        }
        sse.append(SseEvent.data("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}").toWire());
        byte[] out = new SseAnswerFilter((prose, escaped) -> new PlaceholderRestorer(p, escaped))
                .filter(sse.toString().getBytes(StandardCharsets.UTF_8), true);
        StringBuilder args = new StringBuilder();
        StreamParser parser = new StreamParser(StreamFraming.SSE);
        parser.feed(out).forEach(e -> Json.tryParseObject(e.data()).path("choices").forEach(c -> c.path("delta")
                .path("tool_calls").forEach(t -> args.append(t.path("function").path("arguments").asText("")))));
        assertThat(Json.tryParseObject(args.toString()).path("who").asText()).isEqualTo("O\"Brien");
    }

    @Test
    void anthropicBlocksAreRestoredAndTheirRestGoesBeforeTheBlockStops() {
        Placeholders p = placeholders();
        String sse = SseEvent.of("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"m1\"}}").toWire()
                + SseEvent.of("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}").toWire()
                + SseEvent.of("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi <EMA\"}}").toWire()
                + SseEvent.of("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"IL_1>! <PHO\"}}").toWire()
                + SseEvent.of("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}").toWire()
                + SseEvent.of("message_stop", "{\"type\":\"message_stop\"}").toWire();
        byte[] out = new SseAnswerFilter((prose, escaped) -> new PlaceholderRestorer(p, escaped))
                .filter(sse.getBytes(StandardCharsets.UTF_8), true);
        List<SseEvent> events = new StreamParser(StreamFraming.SSE).feed(out);
        StringBuilder text = new StringBuilder();
        List<String> names = new ArrayList<>();
        for (SseEvent e : events) {
            names.add(e.event().orElse(""));
            text.append(Json.tryParseObject(e.data()).path("delta").path("text").asText(""));
        }
        assertThat(text.toString()).isEqualTo("Hi " + EMAIL + "! <PHO");
        assertThat(names).containsExactly("message_start", "content_block_start", "content_block_delta",
                "content_block_delta", "content_block_delta", "content_block_stop", "message_stop");
    }

    @Test
    void aJsonAnswerIsRestoredWhole() {
        Placeholders p = placeholders();
        String body = "{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + "\"Mail <EMAIL_1> or call <PHONE_1>.\"}}],\"usage\":{\"total_tokens\":5}}";
        JsonAnswerFilter f = new JsonAnswerFilter((prose, escaped) -> new PlaceholderRestorer(p, escaped),
                System.getLogger("test"));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < bytes.length; i += 10) {
            out.writeBytes(f.filter(java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 10)), false));
        }
        out.writeBytes(f.filter(new byte[0], true));
        JsonNode json = Json.tryParseObject(out.toString(StandardCharsets.UTF_8));
        assertThat(json.at("/choices/0/message/content").asText()).isEqualTo("Mail " + EMAIL + " or call " + PHONE + ".");
        assertThat(json.at("/usage/total_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void aBodyThatIsNotJsonPassesUnchanged() {
        JsonAnswerFilter f = new JsonAnswerFilter((prose, escaped) -> new PlaceholderRestorer(placeholders(), escaped),
                System.getLogger("test"));
        byte[] body = "<EMAIL_1> not json".getBytes(StandardCharsets.UTF_8);
        assertThat(f.filter(body, true)).isEqualTo(body);
    }

    @Test
    void scanResponseRedactsNewDataAndLeavesRestoredValuesAlone() {
        Placeholders p = placeholders();
        Anonymizer anonymizer = new Anonymizer(Mode.PLACEHOLDER, Map.of());
        String answer = "Your address <EMAIL_1> is on file; our fraud team is at fraud@bank.example, "
                + "card 4111 1111 1111 1111 was flagged. " + "Padding text to push past the window. ".repeat(5);
        for (int size : new int[] {1, 5, 50, 1000}) {
            TextStream s = new AnswerRedactor(DetectorTest.ALL, anonymizer, false).then(new PlaceholderRestorer(p, false));
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < answer.length(); i += size) {
                out.append(s.feed(answer.substring(i, Math.min(answer.length(), i + size))));
            }
            out.append(s.flush());
            assertThat(out.toString()).as("pieces of %d", size).startsWith("Your address " + EMAIL
                    + " is on file; our fraud team is at [EMAIL], card [CREDIT_CARD] was flagged.");
        }
    }
}
