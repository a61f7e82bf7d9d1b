package dev.tollgate.commons.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.sse.StreamParser;

/**
 * Canned provider payloads (under {@code src/test/resources/…/llm/provider/}, shaped after each
 * provider's API reference) and replays of streamed answers through the parser and a translator.
 */
final class Canned {
    private Canned() {
    }

    static byte[] fileBytes(String name) {
        try (InputStream in = Canned.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no canned payload " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode file(String name) {
        return Json.parseObject(fileBytes(name));
    }

    static ObjectNode json(String text) {
        return Json.parseObject(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The node as a client would read it: numbers built as longs compare equal to parsed ones. */
    static JsonNode reparsed(JsonNode node) {
        return Json.parseObject(Json.bytes(Json.object().set("n", node))).get("n");
    }

    /** The body of a request as the provider would receive it. */
    static ObjectNode body(ProviderRequest request) {
        return Json.parseObject(request.body());
    }

    /** The chunks a streamed answer becomes when its bytes arrive {@code step} at a time. */
    static List<ObjectNode> replay(Provider provider, StreamTranslator translator, byte[] wire, int step) {
        StreamParser parser = new StreamParser(provider.streamFraming());
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 0; i < wire.length; i += step) {
            parser.feed(Arrays.copyOfRange(wire, i, Math.min(wire.length, i + step)))
                    .forEach(e -> out.addAll(translator.onEvent(e)));
        }
        parser.finish().forEach(e -> out.addAll(translator.onEvent(e)));
        return out;
    }

    /**
     * Replays {@code wire} whole, then cut every 1, 2, 3, 7 and 64 bytes, checks that every cut
     * gives the same chunks as the whole, and hands each replay's translator and chunks to
     * {@code check}.
     */
    static void everyCut(Provider provider, ModelTarget target, byte[] wire,
                         BiConsumer<StreamTranslator, List<ObjectNode>> check) {
        List<String> whole = null;
        for (int step : new int[] {wire.length, 1, 2, 3, 7, 64}) {
            StreamTranslator translator = provider.stream(target);
            List<ObjectNode> chunks = replay(provider, translator, wire, step);
            if (whole == null) {
                whole = withoutGeneratedIds(chunks);
            } else {
                assertThat(withoutGeneratedIds(chunks)).as("cut every %d bytes", step).isEqualTo(whole);
            }
            check.accept(translator, chunks);
        }
    }

    /** The streamed text of choice 0, delta by delta joined. */
    static String text(List<ObjectNode> chunks) {
        StringBuilder sb = new StringBuilder();
        for (ObjectNode chunk : chunks) {
            JsonNode content = chunk.path("choices").path(0).path("delta").path("content");
            if (content.isTextual()) {
                sb.append(content.asText());
            }
        }
        return sb.toString();
    }

    /**
     * The chunks with the ids a translator generates blanked, to compare two replays of one
     * stream (each translator makes its own ids and timestamps).
     */
    static List<String> withoutGeneratedIds(List<ObjectNode> chunks) {
        return chunks.stream().map(c -> Json.string(c)
                        .replaceAll("\"(chatcmpl|call)[-_][A-Za-z0-9_-]*\"", "\"ID\"")
                        .replaceAll("\"created\":\\d+", "\"created\":0"))
                .toList();
    }
}
