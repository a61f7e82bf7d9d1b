package dev.tollgate.sdk.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.sdk.ClientRequest;
import dev.tollgate.sdk.ClientResponse;
import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.ContextKey;
import dev.tollgate.sdk.CredentialInfo;
import dev.tollgate.sdk.HostServices;
import dev.tollgate.sdk.Identity;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.PhaseRules;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.RouteInfo;
import dev.tollgate.sdk.UpstreamCall;
import dev.tollgate.sdk.UpstreamHandler;
import dev.tollgate.sdk.UpstreamReply;
import dev.tollgate.sdk.UpstreamRequest;
import dev.tollgate.sdk.UpstreamResponse;
import dev.tollgate.sdk.llm.ChatRequest;
import dev.tollgate.sdk.llm.LlmContext;
import dev.tollgate.sdk.llm.LlmUsage;

/**
 * A request context for unit-testing a plugin without a gateway: build the client request,
 * register consumers and credentials, run a phase, then look at what the plugin did
 * ({@link #exitStatus()}, {@link #upstreamHeaders()}, {@link #responseHeaders()}, ...).
 *
 * <pre>{@code
 * var ctx = FakePluginContext.builder().header("apikey", "k1").credential(consumer, cred).build();
 * plugin.access(ctx.in(Phase.ACCESS));
 * assertThat(ctx.exitStatus()).isEqualTo(0);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class FakePluginContext implements PluginContext {
    private final Builder b;
    private final Map<ContextKey<?>, Object> values = new HashMap<>();
    private final FakeUpstreamRequest upstream;
    private final FakeIdentity identity;
    private final FakeClientRequest request;
    private final FakeUpstreamResponse upstreamResponse;
    private final FakeClientResponse response;
    private final List<String> logLines = new ArrayList<>();
    private Phase phase = Phase.ACCESS;
    private LlmUsage usage;

    private FakePluginContext(Builder b) {
        this.b = b;
        this.usage = b.usage;
        this.upstream = new FakeUpstreamRequest(b.method, b.headers, b.path, b.rawQuery, b.body);
        this.identity = new FakeIdentity(b.consumers, b.credentials, () -> phase);
        this.request = new FakeClientRequest(b.method, b.scheme, b.path, b.rawQuery, b.headers, b.clientIp, b.body);
        this.upstreamResponse = new FakeUpstreamResponse(b.upstreamStatus, b.upstreamHeaders, b.upstreamBody);
        this.response = new FakeClientResponse(() -> phase, () -> b.upstreamStatus);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Sets the phase the next plugin call runs in, and returns this context. */
    public FakePluginContext in(Phase phase) {
        this.phase = phase;
        return this;
    }

    /** The status a plugin exited with; 0 when none did. */
    public int exitStatus() {
        return response.exitStatus;
    }

    /** The body a plugin exited with. */
    public Object exitBody() {
        return response.exitBody;
    }

    /** Headers the upstream would get, names lower-cased. */
    public Map<String, List<String>> upstreamHeaders() {
        return upstream.headers();
    }

    /** The method the upstream would get. */
    public String upstreamMethod() {
        return upstream.method();
    }

    public byte[] upstreamBody() {
        return upstream.body();
    }

    /** Headers set on the client's response, names lower-cased. */
    public Map<String, List<String>> responseHeaders() {
        return response.headers;
    }

    /** The body a plugin set in the response phase, or null. */
    public byte[] responseBody() {
        return response.body;
    }

    /** The status a plugin set in the response phase, or 0. */
    public int responseStatus() {
        return response.status;
    }

    /** Lines the plugin logged, as "LEVEL message". */
    public List<String> logLines() {
        return logLines;
    }

    @Override
    public Phase phase() {
        return phase;
    }

    @Override
    public java.time.Instant startedAt() {
        return b.startedAt;
    }

    @Override
    public ClientRequest request() {
        return request;
    }

    @Override
    public UpstreamRequest upstreamRequest() {
        PhaseRules.require("upstreamRequest()", phase, PhaseRules.REQUEST_SIDE);
        return upstream;
    }

    @Override
    public UpstreamResponse upstreamResponse() {
        PhaseRules.require("upstreamResponse()", phase, PhaseRules.RESPONSE_SIDE);
        return upstreamResponse;
    }

    @Override
    public ClientResponse response() {
        return response;
    }

    @Override
    public Identity identity() {
        return identity;
    }

    @Override
    public RouteInfo route() {
        return b.route;
    }

    @Override
    public <T> Optional<T> get(ContextKey<T> key) {
        return Optional.ofNullable(key.type().cast(values.get(key)));
    }

    @Override
    public <T> void put(ContextKey<T> key, T value) {
        values.put(key, value);
    }

    /** What the request's LLM call used: set by the builder or reported by the upstream handler. */
    public Optional<LlmUsage> reportedUsage() {
        return Optional.ofNullable(usage);
    }

    @Override
    public System.Logger log() {
        return new RecordingLogger(logLines);
    }

    @Override
    public LlmContext llm() {
        return new LlmContext() {
            @Override
            public Optional<ChatRequest> request() {
                return Optional.ofNullable(b.chat);
            }

            @Override
            public Optional<LlmUsage> usage() {
                return Optional.ofNullable(usage);
            }
        };
    }

    /** The handler a plugin set with {@code upstreamRequest().setHandler(...)}, if any. */
    public Optional<UpstreamHandler> upstreamHandler() {
        return upstream.handler();
    }

    /**
     * Runs the handler a plugin set, as the gateway would after the request phases, on the
     * upstream request as the plugin left it; the usage it reports becomes {@code llm().usage()}.
     */
    public UpstreamReply callUpstreamHandler() {
        UpstreamHandler h = upstream.handler().orElseThrow(() -> new IllegalStateException("no upstream handler was set"));
        return h.handle(new UpstreamCall() {
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
                return upstream.body();
            }

            @Override
            public void reportUsage(LlmUsage reported) {
                usage = reported;
            }
        });
    }

    @Override
    public HostServices services() {
        return b.services;
    }

    /** The builder's totals, or none measured (the upstream answered when it has a status); log phase only. */
    @Override
    public dev.tollgate.sdk.RequestTotals totals() {
        PhaseRules.require("totals()", phase, java.util.EnumSet.of(Phase.LOG));
        return b.totals != null ? b.totals : dev.tollgate.sdk.RequestTotals.builder().fromUpstream(b.upstreamStatus > 0).build();
    }

    /**

     * Builds the request a plugin is tested against.

     *

     * @since 0.1.0

     */
    public static final class Builder {
        private String method = "GET";
        private String scheme = "http";
        private String path = "/";
        private String rawQuery = "";
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private byte[] body = new byte[0];
        private String clientIp = "127.0.0.1";
        private int upstreamStatus;
        private byte[] upstreamBody;
        private final Map<String, List<String>> upstreamHeaders = new LinkedHashMap<>();
        private final List<ConsumerInfo> consumers = new ArrayList<>();
        private final List<CredentialInfo> credentials = new ArrayList<>();
        private RouteInfo route = RouteInfo.builder("route-1", "service-1").routeName("route").serviceName("service").build();
        private HostServices services = new FakeHostServices(Clock.systemUTC());
        private java.time.Instant startedAt = java.time.Instant.now();
        private ChatRequest chat;
        private LlmUsage usage;
        private dev.tollgate.sdk.RequestTotals totals;

        /** What the LLM call used, as {@code ctx.llm().usage()} returns it in response phases. */
        public Builder usage(LlmUsage usage) {
            this.usage = usage;
            return this;
        }

        /** The chat view plugins get from {@code ctx.llm().request()}, e.g. a {@link SimpleChatRequest}. */
        public Builder chat(ChatRequest chat) {
            this.chat = chat;
            return this;
        }

        public Builder startedAt(java.time.Instant at) {
            this.startedAt = at;
            return this;
        }

        public Builder method(String method) {
            this.method = method;
            return this;
        }

        public Builder scheme(String scheme) {
            this.scheme = scheme;
            return this;
        }

        public Builder path(String path) {
            this.path = path;
            return this;
        }

        public Builder rawQuery(String rawQuery) {
            this.rawQuery = rawQuery;
            return this;
        }

        public Builder header(String name, String value) {
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
            return this;
        }

        public Builder body(String body) {
            this.body = body.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public Builder clientIp(String ip) {
            this.clientIp = ip;
            return this;
        }

        /** The upstream's whole body, for the response phase. */
        public Builder upstreamBody(String body) {
            this.upstreamBody = body.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** The upstream's whole body as bytes (compressed, binary), for the response phase. */
        public Builder upstreamBody(byte[] body) {
            this.upstreamBody = body.clone();
            return this;
        }

        /** The upstream's answer, for response-side phases. */
        public Builder upstreamResponse(int status, Map<String, String> headers) {
            this.upstreamStatus = status;
            headers.forEach((k, v) -> upstreamHeaders.put(k.toLowerCase(Locale.ROOT), List.of(v)));
            return this;
        }

        public Builder consumer(ConsumerInfo consumer) {
            consumers.add(consumer);
            return this;
        }

        /** Registers a consumer and one of its credentials for look-ups. */
        public Builder credential(ConsumerInfo consumer, CredentialInfo credential) {
            consumers.add(consumer);
            credentials.add(credential);
            return this;
        }

        public Builder route(RouteInfo route) {
            this.route = route;
            return this;
        }

        public Builder services(HostServices services) {
            this.services = services;
            return this;
        }

        /**
         * What the log phase's {@code totals()} reports.
         *
         * @since 0.2.0
         */
        public Builder totals(dev.tollgate.sdk.RequestTotals totals) {
            this.totals = totals;
            return this;
        }

        public FakePluginContext build() {
            return new FakePluginContext(this);
        }
    }
}
