package dev.tollgate.plugins.airesponsecache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;

import dev.tollgate.sdk.ReplyBody;

/**
 * A reply's body passed to the client chunk by chunk as it comes — no chunk waits for the
 * cache — while a copy is kept. When the body ends normally the copy goes to {@code onComplete};
 * a body cut short (an upstream error, a client gone: {@link #close()} before the end) or one
 * over {@code maxBytes} is dropped.
 */
final class CapturingBody implements ReplyBody {
    private final ReplyBody delegate;
    private final int maxBytes;
    private final Consumer<byte[]> onComplete;
    private ByteArrayOutputStream copy = new ByteArrayOutputStream(4096);
    private boolean ended;

    CapturingBody(ReplyBody delegate, int maxBytes, Consumer<byte[]> onComplete) {
        this.delegate = delegate;
        this.maxBytes = maxBytes;
        this.onComplete = onComplete;
    }

    @Override
    public Optional<byte[]> next() throws IOException {
        Optional<byte[]> chunk = delegate.next();
        if (chunk.isPresent()) {
            if (copy != null) {
                if (copy.size() + (long) chunk.get().length > maxBytes) {
                    copy = null; // too large to cache: stop copying, keep serving
                } else {
                    copy.writeBytes(chunk.get());
                }
            }
        } else if (!ended) {
            ended = true;
            if (copy != null) {
                byte[] whole = copy.toByteArray();
                copy = null;
                onComplete.accept(whole);
            }
        }
        return chunk;
    }

    @Override
    public void close() {
        copy = null;
        delegate.close();
    }
}
