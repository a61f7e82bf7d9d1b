package dev.tollgate.plugins.aiproxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.call.ProviderClient;
import dev.tollgate.commons.llm.sse.SseEvent;
import dev.tollgate.commons.llm.sse.StreamParser;
import dev.tollgate.commons.llm.provider.StreamTranslator;
import dev.tollgate.sdk.ReplyBody;

/**
 * A provider's stream, translated event by event into the client's format and handed to the
 * gateway as soon as each upstream read yields something to send: nothing is buffered beyond
 * one event. In raw mode (route_type preserve) the provider's bytes pass unchanged and are only
 * watched for usage. Reports usage once, when the stream ends or is abandoned.
 */
final class StreamReply implements ReplyBody {
    private static final int READ_BUFFER = 8 * 1024;

    private final ProviderClient.Answer answer;
    private final InputStream in;
    private final StreamParser parser;
    private final StreamTranslator translator;
    private final ClientFormat.StreamWriter writer;
    private final boolean raw;
    private final AiUsage usage;
    private final Consumer<AiUsage> onEnd;
    private final byte[] buf = new byte[READ_BUFFER];
    private ClientFormat.StreamMeta meta;
    private byte[] pending;
    private boolean finished;
    private boolean reported;
    private boolean failed;

    StreamReply(ProviderClient.Answer answer, StreamParser parser, StreamTranslator translator,
                ClientFormat.StreamWriter writer, boolean raw, AiUsage usage, Consumer<AiUsage> onEnd) {
        this.answer = answer;
        this.in = answer.body();
        this.parser = parser;
        this.translator = translator;
        this.writer = writer;
        this.raw = raw;
        this.usage = usage;
        this.onEnd = onEnd;
    }

    /**
     * Reads until there is something to send, so a provider that fails before its first event
     * fails the attempt (and another target can be tried) instead of the client's stream.
     */
    void prefetch() throws IOException {
        pending = produce();
    }

    @Override
    public Optional<byte[]> next() throws IOException {
        if (pending != null) {
            byte[] p = pending;
            pending = null;
            return Optional.of(p);
        }
        byte[] out = produce();
        return Optional.ofNullable(out);
    }

    /** The next bytes for the client, or null at the end. */
    private byte[] produce() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        while (!finished) {
            int n;
            try {
                n = in.read(buf);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } catch (RuntimeException e) {
                throw new IOException(e.getMessage(), e); // Helidon reports a dropped connection unchecked
            }
            if (n < 0) {
                for (SseEvent e : parser.finish()) {
                    translate(e, out);
                }
                finish(out);
                break;
            }
            if (raw) {
                out.write(buf, 0, n);
            }
            for (SseEvent e : parser.feed(buf, 0, n)) {
                translate(e, out);
            }
            if (failed) {
                finished = true;
                report();
            } else if (translator.done()) {
                finish(out);
            }
            if (out.size() > 0) {
                return out.toByteArray();
            }
        }
        return out.size() > 0 ? out.toByteArray() : null;
    }

    private void translate(SseEvent event, ByteArrayOutputStream out) {
        if (failed) {
            return;
        }
        for (ObjectNode chunk : translator.onEvent(event)) {
            if (chunk.has("error") && !chunk.has("choices")) {
                // The provider gave up mid-answer: the client gets its error, and the stream ends.
                if (!raw) {
                    out.writeBytes(writer.error(chunk));
                }
                failed = true;
                return;
            }
            if (meta == null) {
                meta = new ClientFormat.StreamMeta(chunk.path("id").asText(""), chunk.path("model").asText(""),
                        chunk.path("created").asLong(System.currentTimeMillis() / 1000));
            }
            usage.chunk(chunk);
            if (!raw) {
                out.writeBytes(writer.chunk(chunk));
            }
        }
    }

    private void finish(ByteArrayOutputStream out) {
        finished = true;
        translator.model().ifPresent(usage::answeredBy);
        usage.reported(translator.usage());
        if (!raw) {
            ClientFormat.StreamMeta m = meta != null ? meta : new ClientFormat.StreamMeta("", "", System.currentTimeMillis() / 1000);
            out.writeBytes(writer.end(Optional.of(usage.tokens()), m));
        }
        report();
    }

    private void report() {
        if (!reported) {
            reported = true;
            usage.end();
            onEnd.accept(usage);
        }
    }

    @Override
    public void close() {
        try {
            answer.close();
        } finally {
            // A client gone mid-stream still used tokens: record what was counted.
            translator.model().ifPresent(usage::answeredBy);
            usage.reported(translator.usage());
            report();
        }
    }
}
