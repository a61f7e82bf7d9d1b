package dev.tollgate.plugins.opentelemetry;

import java.io.IOException;
import java.util.Optional;

import dev.tollgate.sdk.ReplyBody;
import dev.tollgate.sdk.UpstreamCall;
import dev.tollgate.sdk.UpstreamHandler;
import dev.tollgate.sdk.UpstreamReply;

/**
 * With {@code capture_content}: wraps the AI route's upstream handler (ai-proxy's, or a response
 * cache's around it) and keeps a copy of the answer's first bytes as they pass, for
 * {@code gen_ai.output.messages}. The reply goes on unchanged.
 */
final class CapturingHandler implements UpstreamHandler {
    private final UpstreamHandler delegate;
    private final RequestTrace trace;

    CapturingHandler(UpstreamHandler delegate, RequestTrace trace) {
        this.delegate = delegate;
        this.trace = trace;
    }

    @Override
    public UpstreamReply handle(UpstreamCall call) {
        UpstreamReply reply = delegate.handle(call);
        ReplyBody body = reply.body();
        return UpstreamReply.of(reply.status(), reply.headers(), new ReplyBody() {
            @Override
            public Optional<byte[]> next() throws IOException {
                Optional<byte[]> chunk = body.next();
                chunk.ifPresent(trace::captureOutput);
                return chunk;
            }

            @Override
            public void close() {
                body.close();
            }
        });
    }
}
