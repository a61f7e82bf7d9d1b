package dev.tollgate.plugins.aiproxy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.support.HeaderText;
import dev.tollgate.commons.llm.RouteType;
import dev.tollgate.commons.llm.call.CallFailure;
import dev.tollgate.commons.llm.call.ProviderClient.Answer;
import dev.tollgate.commons.llm.call.ProviderClient.AttemptFailed;
import dev.tollgate.commons.llm.call.ProviderClient;
import dev.tollgate.commons.llm.provider.OpenAiErrors;
import dev.tollgate.commons.llm.provider.Provider;
import dev.tollgate.commons.llm.provider.ProviderRequest;
import dev.tollgate.commons.llm.provider.UnsupportedRequestException;
import dev.tollgate.commons.llm.sse.StreamParser;
import dev.tollgate.sdk.ReplyBody;
import dev.tollgate.sdk.UpstreamCall;
import dev.tollgate.sdk.UpstreamHandler;
import dev.tollgate.sdk.UpstreamReply;

/**
 * One AI request's call: reads the client's body into OpenAI's format, tries the targets in the
 * balancer's order — failing over on the failures the configuration lists, with the circuit
 * breakers' say — and answers in the client's format, streamed when asked. Reports usage when
 * the answer is complete.
 */
final class AiExchange implements UpstreamHandler {
    private final AiProxyConfig config;
    private final TargetPool pool;
    private final ClientFormat format;
    private final long startNanos;
    private final String hashKey;

    AiExchange(AiProxyConfig config, TargetPool pool, ClientFormat format, long startNanos, String hashKey) {
        this.config = config;
        this.pool = pool;
        this.format = format;
        this.startNanos = startNanos;
        this.hashKey = hashKey;
    }

    @Override
    public UpstreamReply handle(UpstreamCall call) {
        ObjectNode request;
        boolean asWritten;
        try {
            ObjectNode parsed = Json.parseObject(call.body());
            request = format.toOpenAi(parsed);
            asWritten = request == parsed;
            check(request);
        } catch (IllegalArgumentException e) {
            return error(400, OpenAiErrors.of(e.getMessage(), "invalid_request_error", null));
        }
        boolean stream = config.routeType() != RouteType.EMBEDDINGS
                && (request.path("stream").asBoolean(false) || config.streaming() == AiProxyConfig.Streaming.ALWAYS);
        if (stream && config.streaming() == AiProxyConfig.Streaming.DENY) {
            return error(400, OpenAiErrors.of("streaming is not allowed on this route (response_streaming is deny)",
                    "invalid_request_error", "stream_not_allowed"));
        }
        Optional<String> requested = Optional.ofNullable(request.get("model")).filter(JsonNode::isTextual).map(JsonNode::asText);
        AiUsage usage = new AiUsage(startNanos, requested, config.routeType(), request);
        return new Attempts(call, request, asWritten, stream, requested, usage).run();
    }

    private void check(ObjectNode request) {
        switch (config.routeType()) {
            case CHAT -> {
                if (!(request.get("messages") instanceof com.fasterxml.jackson.databind.node.ArrayNode a) || a.isEmpty()) {
                    throw new IllegalArgumentException("'messages' must be a non-empty array");
                }
            }
            case EMBEDDINGS -> {
                JsonNode input = request.get("input");
                if (input == null || !(input.isTextual() || input.isArray())) {
                    throw new IllegalArgumentException("'input' must be a string or an array");
                }
            }
            case PRESERVE -> {
                // passed as it is
            }
        }
        JsonNode stream = request.get("stream");
        if (stream != null && !stream.isBoolean() && !stream.isNull()) {
            throw new IllegalArgumentException("'stream' must be a boolean");
        }
        JsonNode model = request.get("model");
        if (model != null && model.isTextual() && !AiUsage.isModelName(model.asText())) {
            throw new IllegalArgumentException("'model' must be a model name: 1 to " + AiUsage.MAX_MODEL_NAME
                    + " characters, no control characters");
        }
    }

    private UpstreamReply error(int status, ObjectNode openAiError) {
        return UpstreamReply.of(status, "application/json", format.error(status, openAiError));
    }

    /** The attempts of one request, target after target. */
    private final class Attempts {
        private final UpstreamCall call;
        private final ObjectNode request;
        /** True when {@code request} is the client's body as it is: {@code call.body()} is its JSON. */
        private final boolean asWritten;
        private final boolean stream;
        private final Optional<String> requested;
        private final AiUsage usage;
        private String currentModel;
        private final Map<String, String> forwarded;
        private boolean currentRaw;

        Attempts(UpstreamCall call, ObjectNode request, boolean asWritten, boolean stream, Optional<String> requested,
                 AiUsage usage) {
            this.call = call;
            this.request = request;
            this.asWritten = asWritten;
            this.stream = stream;
            this.requested = requested;
            this.usage = usage;
            this.forwarded = ForwardedHeaders.of(call.headers());
        }

        UpstreamReply run() {
            List<TargetPool.Member> order = pool.order(hashKey);
            int budget = 1 + config.balancer().retries();
            Outcome last = null;
            TargetPool.Member previous = null;
            int tried = 0;
            // Round the targets in the balancer's order until the attempts are spent, skipping open
            // circuits; a whole round of open circuits ends it.
            for (int k = 0, skipped = 0; tried < budget && skipped < order.size(); k++) {
                TargetPool.Member m = order.get(k % order.size());
                if (!m.breaker.tryAcquire()) {
                    skipped++;
                    continue;
                }
                skipped = 0;
                if (m == previous) {
                    backoff(tried - 1);
                }
                tried++;
                previous = m;
                Outcome o = attempt(m);
                if (o.reply != null) {
                    return o.reply;
                }
                last = o;
            }
            if (last == null) {
                return error(503, OpenAiErrors.of("no AI target is available: every target's circuit is open",
                        "api_error", "targets_unavailable"));
            }
            if (last.body != null) {
                return report(error(last.status, last.body));
            }
            return report(error(last.kind == CallFailure.TIMEOUT ? 504 : 502, OpenAiErrors.of(last.message, "api_error",
                    last.kind == CallFailure.TIMEOUT ? "upstream_timeout" : "upstream_unavailable")));
        }

        /** An error reply after a target was tried: recorded with its status and no tokens. */
        private UpstreamReply report(UpstreamReply reply) {
            call.reportUsage(usage.failed(reply.status()), config.logStatistics());
            return reply;
        }

        private void backoff(int retry) {
            long ms = config.balancer().backoff().toMillis() << Math.min(retry, 10);
            if (ms > 0) {
                try {
                    Thread.sleep(Math.min(ms, 10_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** One target tried: a reply to send, or why it failed over. */
        private Outcome attempt(TargetPool.Member m) {
            TargetConfig t = m.config;
            Provider provider = t.model().providerApi();
            Optional<String> model = t.modelName().or(() -> requested);
            if (model.isEmpty()) {
                m.breaker.release();
                return Outcome.reply(error(400, OpenAiErrors.of("'model' is required: the route names no model",
                        "invalid_request_error", "model_required")));
            }
            usage.target(t.provider(), model.get());
            currentModel = model.get();
            ProviderRequest pr;
            try {
                pr = raw(t) && config.routeType() != RouteType.PRESERVE
                        ? t.model().request(RouteType.PRESERVE, clientBody(model.get()), model.get(), stream)
                        : request(t, model.get());
            } catch (UnsupportedRequestException e) {
                m.breaker.release();
                return Outcome.reply(error(400, OpenAiErrors.of(e.getMessage(), "invalid_request_error", "unsupported")));
            }
            if (config.routeType() == RouteType.PRESERVE) {
                pr = new ProviderRequest(pr.method(), pr.uri(), pr.headers(), call.body());
            }
            pr = ForwardedHeaders.onto(pr, forwarded);
            currentRaw = raw(t);
            long sent = System.nanoTime();
            Answer answer;
            try {
                answer = ProviderClient.send(pr, config.balancer().connectTimeout(), config.balancer().readTimeout());
            } catch (AttemptFailed f) {
                return failed(m, f.kind, t.label() + ": " + f.getMessage(), 0, null);
            }
            m.recordLatency((System.nanoTime() - sent) / 1000);
            int status = answer.status();
            if (status < 200 || status > 299) {
                ObjectNode err = ProviderClient.errorOf(answer, provider);
                CallFailure kind = CallFailure.ofStatus(status).orElse(null);
                if (kind == null) {
                    m.breaker.onSuccess(); // the target is up; the request was wrong
                    return Outcome.reply(report(error(status, err)));
                }
                return failed(m, kind, t.label() + " answered " + status, status, err);
            }
            try {
                return Outcome.reply(stream ? streamed(m, provider, t, answer) : whole(m, provider, t, answer));
            } catch (IOException | RuntimeException e) {
                answer.close();
                if (e instanceof UnsupportedRequestException || e instanceof IllegalArgumentException) {
                    m.breaker.onFailure();
                    return Outcome.reply(report(error(502, OpenAiErrors.of(t.label() + " sent an answer that cannot "
                            + "be read: " + e.getMessage(), "api_error", "bad_upstream_answer"))));
                }
                AttemptFailed f = ProviderClient.classify(pr, e);
                return failed(m, f.kind, t.label() + ": " + f.getMessage(), 0, null);
            }
        }

        private Outcome failed(TargetPool.Member m, CallFailure kind, String message, int status, ObjectNode body) {
            m.breaker.onFailure();
            if (!config.balancer().failover().contains(kind)) {
                ObjectNode err = body != null ? body : OpenAiErrors.of(message, "api_error",
                        kind == CallFailure.TIMEOUT ? "upstream_timeout" : "upstream_unavailable");
                return Outcome.reply(report(error(status != 0 ? status : kind == CallFailure.TIMEOUT ? 504 : 502, err)));
            }
            return new Outcome(null, kind, message, status, body);
        }

        /** True when this target gets the client's body unchanged and the client its answer unchanged. */
        private boolean raw(TargetConfig t) {
            return config.routeType() == RouteType.PRESERVE || format.passesThrough(t.provider());
        }

        /**
         * The target's call. When the target's model and defaults change nothing and the provider
         * sends OpenAI's format as it is, the body goes out as the client's bytes: writing the
         * tree out again cost 5% of the gateway's CPU on the AI chain (JFR, bench scenario 4).
         */
        private ProviderRequest request(TargetConfig t, String model) {
            ObjectNode body = body(t, model);
            if (asWritten && body.equals(request)) {
                Optional<ProviderRequest> asIs = t.model().requestAsIs(config.routeType(), call.body(), model, stream);
                if (asIs.isPresent()) {
                    return asIs.get();
                }
            }
            return t.model().request(config.routeType(), body, model, stream);
        }

        /** The client's own body with the target's model: what a pass-through target gets. */
        private ObjectNode clientBody(String model) {
            ObjectNode body = Json.parseObject(call.body());
            body.put("model", model);
            return body;
        }

        /** The request as this target gets it: its model, and its defaults where the client set none. */
        private ObjectNode body(TargetConfig t, String model) {
            ObjectNode body = request.deepCopy();
            if (config.routeType() != RouteType.PRESERVE) {
                body.put("model", model);
                if (config.routeType() == RouteType.CHAT) {
                    t.defaults().applyTo(body);
                    if (stream) {
                        body.put("stream", true);
                    }
                }
            }
            return body;
        }

        private UpstreamReply whole(TargetPool.Member m, Provider provider, TargetConfig t, Answer answer) throws IOException {
            ProviderClient.WholeAnswer whole = ProviderClient.readWhole(answer, provider,
                    currentRaw ? RouteType.PRESERVE : config.routeType(), t.target(currentModel));
            ObjectNode openAi = whole.openAi();
            m.breaker.onSuccess();
            usage.reported(whole.usage());
            usage.answeredBy(openAi.path("model").asText(null));
            usage.answer(openAi);
            m.recordTokens(usage.tokens().totalTokens());
            // An OpenAI client of an OpenAI-format provider gets the provider's own bytes: writing
            // the parsed tree out again changed nothing but spacing and cost 6% of the gateway's CPU
            // on the AI chain (JFR, bench scenario 4).
            RouteType type = currentRaw ? RouteType.PRESERVE : config.routeType();
            byte[] out = currentRaw || format.answersOpenAiAsIs() && provider.answersAsIs(type)
                    ? whole.raw() : format.answer(openAi);
            call.reportUsage(usage.toLlmUsage(200), config.logStatistics());
            return UpstreamReply.of(200, headers("application/json", t), ReplyBody.of(out));
        }

        private UpstreamReply streamed(TargetPool.Member m, Provider provider, TargetConfig t, Answer answer) throws IOException {
            boolean raw = currentRaw;
            boolean includeUsage = request.path("stream_options").path("include_usage").asBoolean(false);
            StreamReply reply = new StreamReply(answer, new StreamParser(provider.streamFraming()),
                    provider.stream(t.target(currentModel)), format.streamWriter(includeUsage, currentModel), raw, usage, u -> {
                        m.recordTokens(u.tokens().totalTokens());
                        call.reportUsage(u.toLlmUsage(200), config.logStatistics());
                    });
            reply.prefetch();
            m.breaker.onSuccess();
            String type = raw ? answer.headers().getOrDefault("content-type", List.of("text/event-stream")).getFirst()
                    : "text/event-stream";
            Map<String, List<String>> h = new java.util.LinkedHashMap<>(headers(type, t));
            h.put("cache-control", List.of("no-cache"));
            return UpstreamReply.of(200, h, reply);
        }

        private Map<String, List<String>> headers(String contentType, TargetConfig t) {
            if (!config.modelNameHeader()) {
                return Map.of("content-type", List.of(contentType));
            }
            return Map.of("content-type", List.of(contentType),
                    "x-tollgate-provider", List.of(HeaderText.of(t.provider())),
                    "x-tollgate-model", List.of(HeaderText.of(usage.model())));
        }
    }

    /** An attempt's end: a reply, or the failure that sends the request to the next target. */
    private record Outcome(UpstreamReply reply, CallFailure kind, String message, int status, ObjectNode body) {
        static Outcome reply(UpstreamReply reply) {
            return new Outcome(reply, null, null, 0, null);
        }
    }
}
