package dev.tollgate.plugins.airesponsecache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tollgate.sdk.ReplyBody;
import dev.tollgate.sdk.UpstreamCall;
import dev.tollgate.sdk.UpstreamHandler;
import dev.tollgate.sdk.UpstreamReply;
import dev.tollgate.sdk.llm.LlmUsage;

/**
 * Stands in for ai-proxy's handler: counts its calls, answers with the reply it is given (JSON, or
 * a stream cut into the given chunks), and reports usage as ai-proxy does — before returning a
 * whole answer, after the last chunk of a stream.
 */
final class FakeAi implements UpstreamHandler {
    static final String JSON_ANSWER = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-2024\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi!\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15}}";

    final AtomicInteger calls = new AtomicInteger();
    private int status = 200;
    private String contentType = "application/json";
    private List<String> chunks = List.of(JSON_ANSWER);
    private boolean failAfterChunks;
    private boolean recorded = true;

    FakeAi json(String body) {
        contentType = "application/json";
        chunks = List.of(body);
        return this;
    }

    /** A stream whose body arrives in exactly these chunks (event boundaries anywhere). */
    FakeAi stream(String... chunks) {
        contentType = "text/event-stream";
        this.chunks = List.of(chunks);
        failAfterChunks = false;
        return this;
    }

    FakeAi status(int status) {
        this.status = status;
        return this;
    }

    /** The upstream drops the connection after the chunks. */
    FakeAi failingAfterChunks() {
        failAfterChunks = true;
        return this;
    }

    FakeAi notRecorded() {
        recorded = false;
        return this;
    }

    static LlmUsage usage(int status) {
        return LlmUsage.builder().provider("openai").requestedModel("gpt-4o").model("gpt-4o-2024").routeType("llm/v1/chat")
                .promptTokens(12).completionTokens(3).cachedPromptTokens(2)
                .latencyMillis(900).timeToFirstTokenMillis(300).timePerOutputTokenMillis(20.5).status(status).build();
    }

    @Override
    public UpstreamReply handle(UpstreamCall call) {
        calls.incrementAndGet();
        boolean stream = contentType.equals("text/event-stream");
        if (!stream) {
            call.reportUsage(usage(status), recorded);
        }
        List<String> parts = new ArrayList<>(chunks);
        ReplyBody body = new ReplyBody() {
            private int i;

            @Override
            public Optional<byte[]> next() throws IOException {
                if (i < parts.size()) {
                    return Optional.of(parts.get(i++).getBytes(StandardCharsets.UTF_8));
                }
                if (failAfterChunks) {
                    throw new IOException("upstream dropped");
                }
                if (stream && i++ == parts.size()) {
                    call.reportUsage(usage(status), recorded);
                }
                return Optional.empty();
            }
        };
        return UpstreamReply.of(status, Map.of("content-type", List.of(contentType), "x-tollgate-provider", List.of("openai"), "x-tollgate-model", List.of("gpt-4o-2024")), body);
    }

    /** Reads a reply to its end as the gateway does, chunk by chunk. */
    static List<String> chunks(UpstreamReply reply) throws IOException {
        List<String> out = new ArrayList<>();
        try (ReplyBody body = reply.body()) {
            for (Optional<byte[]> c = body.next(); c.isPresent(); c = body.next()) {
                out.add(new String(c.get(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    static String body(UpstreamReply reply) throws IOException {
        return String.join("", chunks(reply));
    }
}
