package dev.tollgate.host.proxy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.host.plugins.PluginRun;
import dev.tollgate.host.plugins.UpstreamRequestState;
import dev.tollgate.host.plugins.UpstreamResponseState;
import dev.tollgate.sdk.ReplyBody;
import dev.tollgate.sdk.UpstreamCall;
import dev.tollgate.sdk.UpstreamHandler;
import dev.tollgate.sdk.UpstreamReply;
import dev.tollgate.sdk.llm.LlmUsage;
import dev.tollgate.host.HeadRequests;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/**
 * Serves a request whose upstream call a plugin took over ({@link UpstreamHandler}): calls the
 * handler, then sends its reply through the response phases exactly as an upstream's answer —
 * header_filter, each chunk through body_filter and flushed at once, the response phase when a
 * plugin wants the whole body.
 */
final class HandledReply {
    private static final System.Logger LOG = System.getLogger(HandledReply.class.getName());
    /** The most a response-phase plugin can make the gateway hold of one reply. */
    private static final int MAX_BUFFERED = 64 * 1024 * 1024;

    private HandledReply() {
    }

    /** A reply that could not be produced or read before anything was sent: the status and why. */
    static final class Failed extends RuntimeException {
        final int status;

        Failed(int status, String message, Throwable cause) {
            super(message, cause, false, false);
            this.status = status;
        }
    }

    /**
     * Runs the handler and writes its reply.
     *
     * @throws PluginRun.PluginFailure when the handler throws (the client gets a 500)
     * @throws Failed                  when the reply's body fails before its first chunk
     */
    static void serve(PluginRun run, UpstreamRequestState upstream, BodyHolder body, ServerResponse res,
                      long startNanos, List<HeaderName> copiedHeaders) {
        UpstreamReply reply;
        try {
            reply = upstream.handler().orElseThrow().handle(new Call(run, upstream, body));
        } catch (RuntimeException e) {
            throw run.handlerFailed(upstream.handlerPlugin(), e);
        }
        try (ReplyBody replyBody = reply.body()) {
            run.times().upstreamAnswered(null, true);
            long latencyMs = (System.nanoTime() - startNanos) / 1_000_000;
            var view = new UpstreamResponseState(reply.status(), lowerCased(reply.headers()), latencyMs);
            byte[] whole = null;
            if (run.buffersResponse()) {
                whole = readWhole(replyBody, upstream.handlerPlugin());
                view = view.withBody(whole);
                run.responsePhase(view);
                if (run.response().replacedBody() != null) {
                    whole = run.response().replacedBody();
                }
            }
            run.headerFilter(view);
            Optional<byte[]> first = whole != null ? Optional.of(whole) : firstChunk(replyBody, upstream.handlerPlugin());
            int replaced = run.response().replacedStatus();
            res.status(Status.create(replaced != 0 ? replaced : reply.status()));
            reply.headers().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")
                        && !name.equalsIgnoreCase("connection")) {
                    HeaderName h = HeaderNames.create(name);
                    res.header(HeaderValues.create(h, values));
                    copiedHeaders.add(h);
                }
            });
            ExitResponses.applyHeaderChanges(res, run.response());
            if (whole != null) {
                HeadRequests.send(res, run.filtersBody() ? run.bodyFilter(whole, true) : whole);
                return;
            }
            if (HeadRequests.active()) {
                res.send(new byte[0]); // a HEAD answer has no body, however it would be produced
                return;
            }
            stream(run, replyBody, first, res, upstream.handlerPlugin());
        }
    }

    private static Optional<byte[]> firstChunk(ReplyBody body, String plugin) {
        try {
            return body.next();
        } catch (IOException | UncheckedIOException e) {
            throw new Failed(502, plugin + ": the upstream failed before its first byte: " + e.getMessage(), e);
        }
    }

    private static void stream(PluginRun run, ReplyBody body, Optional<byte[]> first, ServerResponse res, String plugin) {
        boolean filters = run.filtersBody();
        try (OutputStream out = res.outputStream()) {
            Optional<byte[]> chunk = first;
            while (chunk.isPresent()) {
                byte[] bytes = chunk.get();
                out.write(filters ? run.bodyFilter(bytes, false) : bytes);
                out.flush();
                chunk = body.next();
            }
            if (filters) {
                out.write(run.bodyFilter(new byte[0], true));
            }
        } catch (IOException | UncheckedIOException | PluginRun.PluginFailure e) {
            // Headers are gone already; the only honest signal left is an aborted connection.
            LOG.log(Level.WARNING, plugin + ": reply failed mid-response: " + e.getMessage());
            throw new UncheckedIOException(new IOException("reply failed mid-response", e));
        }
    }

    private static byte[] readWhole(ReplyBody body, String plugin) {
        var all = new java.io.ByteArrayOutputStream();
        try {
            for (Optional<byte[]> c = body.next(); c.isPresent(); c = body.next()) {
                if (all.size() + c.get().length > MAX_BUFFERED) {
                    throw new Failed(502, plugin + ": reply over " + MAX_BUFFERED + " bytes cannot be buffered for the response phase", null);
                }
                all.writeBytes(c.get());
            }
        } catch (IOException | UncheckedIOException e) {
            throw new Failed(502, plugin + ": reading the reply failed: " + e.getMessage(), e);
        }
        return all.toByteArray();
    }

    private static Map<String, List<String>> lowerCased(Map<String, List<String>> headers) {
        Map<String, List<String>> m = new java.util.LinkedHashMap<>();
        headers.forEach((k, v) -> m.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>(1)).addAll(v));
        return m;
    }

    /** The request as the plugins left it, for the handler. */
    private record Call(PluginRun run, UpstreamRequestState upstream, BodyHolder clientBody) implements UpstreamCall {
        @Override
        public String method() {
            return upstream.method();
        }

        @Override
        public String path() {
            return upstream.path();
        }

        @Override
        public String rawQuery() {
            return upstream.rawQuery();
        }

        @Override
        public Map<String, List<String>> headers() {
            return upstream.headers();
        }

        @Override
        public byte[] body() {
            byte[] replaced = upstream.replacedBody();
            return replaced != null ? replaced : clientBody.get();
        }

        @Override
        public void reportUsage(LlmUsage usage) {
            run.usage(java.util.Objects.requireNonNull(usage, "usage"), true);
        }

        @Override
        public void reportUsage(LlmUsage usage, boolean recorded) {
            run.usage(java.util.Objects.requireNonNull(usage, "usage"), recorded);
        }
    }
}
