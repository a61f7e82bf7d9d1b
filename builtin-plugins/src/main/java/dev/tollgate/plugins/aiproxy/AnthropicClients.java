package dev.tollgate.plugins.aiproxy;

import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.TokenUsage;
import dev.tollgate.commons.llm.client.AnthropicClientFormat;
import dev.tollgate.commons.llm.client.AnthropicStreamWriter;

/** Clients that speak Anthropic's Messages API ({@code llm_format: anthropic}). */
final class AnthropicClients implements ClientFormat {
    static final AnthropicClients INSTANCE = new AnthropicClients();
    private static final AnthropicClientFormat FORMAT = AnthropicClientFormat.create();

    @Override
    public ObjectNode toOpenAi(ObjectNode clientBody) {
        return FORMAT.toOpenAi(clientBody);
    }

    @Override
    public byte[] answer(ObjectNode openAi) {
        return Json.bytes(FORMAT.fromOpenAi(openAi));
    }

    @Override
    public byte[] error(int status, ObjectNode openAiError) {
        return Json.bytes(FORMAT.error(status, openAiError));
    }

    @Override
    public boolean passesThrough(String provider) {
        return provider.equals("anthropic");
    }

    @Override
    public StreamWriter streamWriter(boolean includeUsage, String model) {
        AnthropicStreamWriter w = FORMAT.streamWriter(model);
        return new StreamWriter() {
            @Override
            public byte[] chunk(ObjectNode openAiChunk) {
                return w.chunk(openAiChunk);
            }

            @Override
            public byte[] error(ObjectNode openAiError) {
                return w.error(0, openAiError);
            }

            @Override
            public byte[] end(Optional<TokenUsage> usage, StreamMeta meta) {
                return w.finish(usage);
            }
        };
    }
}
