package dev.tollgate.plugins.aiproxy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.TokenUsage;

/** Clients that speak OpenAI's API: the canonical format, written as it is. */
final class OpenAiClientFormat implements ClientFormat {
    static final OpenAiClientFormat INSTANCE = new OpenAiClientFormat();
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    @Override
    public ObjectNode toOpenAi(ObjectNode clientBody) {
        return clientBody;
    }

    @Override
    public boolean passesThrough(String provider) {
        return false; // OpenAI-format providers get the body re-serialized with the target's model
    }

    @Override
    public byte[] answer(ObjectNode openAi) {
        return Json.bytes(openAi);
    }

    @Override
    public boolean answersOpenAiAsIs() {
        return true;
    }

    @Override
    public byte[] error(int status, ObjectNode openAiError) {
        return Json.bytes(openAiError);
    }

    @Override
    public StreamWriter streamWriter(boolean includeUsage, String model) {
        return new StreamWriter() {
            @Override
            public byte[] chunk(ObjectNode openAiChunk) {
                if (includeUsage) {
                    openAiChunk.putNull("usage"); // as OpenAI does on every chunk but the usage one
                }
                return event(openAiChunk);
            }

            @Override
            public byte[] error(ObjectNode openAiError) {
                return event(openAiError); // as OpenAI sends it; its SDKs raise it
            }

            @Override
            public byte[] end(Optional<TokenUsage> usage, StreamMeta meta) {
                if (!includeUsage || usage.isEmpty()) {
                    return DONE;
                }
                ObjectNode last = Json.object();
                last.put("id", meta.id()).put("object", "chat.completion.chunk").put("created", meta.created())
                        .put("model", meta.model());
                last.putArray("choices");
                last.set("usage", AiUsage.openAiUsage(usage.get()));
                byte[] ev = event(last);
                byte[] out = new byte[ev.length + DONE.length];
                System.arraycopy(ev, 0, out, 0, ev.length);
                System.arraycopy(DONE, 0, out, ev.length, DONE.length);
                return out;
            }
        };
    }

    private static byte[] event(ObjectNode json) {
        byte[] body = Json.bytes(json);
        byte[] out = new byte[body.length + 8];
        System.arraycopy("data: ".getBytes(StandardCharsets.US_ASCII), 0, out, 0, 6);
        System.arraycopy(body, 0, out, 6, body.length);
        out[out.length - 2] = '\n';
        out[out.length - 1] = '\n';
        return out;
    }
}
