package dev.tollgate.plugins.airesponsecache;

import java.util.List;
import java.util.Optional;

import dev.tollgate.sdk.ReplyBody;

/**
 * A cached answer played back chunk by chunk — each event of a stream is its own chunk, which
 * the gateway flushes at once, so a streaming client reads events as from the provider. Runs
 * {@code onEnd} once, at the end or when the client leaves before it.
 */
final class ReplayBody implements ReplyBody {
    private final List<byte[]> chunks;
    private final Runnable onEnd;
    private int next;
    private boolean ended;

    ReplayBody(List<byte[]> chunks, Runnable onEnd) {
        this.chunks = chunks;
        this.onEnd = onEnd;
    }

    @Override
    public Optional<byte[]> next() {
        if (next < chunks.size()) {
            return Optional.of(chunks.get(next++));
        }
        end();
        return Optional.empty();
    }

    @Override
    public void close() {
        end();
    }

    private void end() {
        if (!ended) {
            ended = true;
            onEnd.run();
        }
    }
}
