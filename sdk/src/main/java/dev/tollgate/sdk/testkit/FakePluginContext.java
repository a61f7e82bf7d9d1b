package dev.tollgate.sdk.testkit;

import java.net.URLDecoder;
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
import dev.tollgate.sdk.Consumer;
import dev.tollgate.sdk.ContextKey;
import dev.tollgate.sdk.Credential;
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
 */
public final class FakePluginContext implements PluginContext {
    private final Builder b;
    private final Map<ContextKey<?>, Object> values = new HashMap<>();
    private final FakeUpstreamRequest upstream;
    private final FakeIdentity identity;
    private final Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
    private final List<String> logLines = new ArrayList<>();
    private Phase phase = Phase.ACCESS;
    private int exitStatus;
    private Object exitBody;
    private byte[] responseBody;
    private int responseStatus;
    private LlmUsage usage;

    private FakePluginContext(Builder b) {
        this.b = b;
        this.usage = b.usage;
        this.upstream = new FakeUpstreamRequest(b.method, b.headers, b.path, b.rawQuery, b.body);
        this.identity = new FakeIdentity(b.consumers, b.credentials, () -> phase);
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
        return exitStatus;
    }

    /** The body a plugin exited with. */
    public Object exitBody() {
        return exitBody;
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
        return responseHeaders;
    }

    /** The body a plugin set in the response phase, or null. */
    public byte[] responseBody() {
        return responseBody;
    }

    /** The status a plugin set in the response phase, or 0. */
    public int responseStatus() {
        return responseStatus;
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
        return new ClientRequest() {
            @Override
            public String method() {
                return b.method;
            }

            @Override
            public String scheme() {
                return b.scheme;
            }

            @Override
            public Optional<String> host() {
                return header("host");
            }

            @Override
            public String path() {
                return b.path;
            }

            @Override
            public String rawQuery() {
                return b.rawQuery;
            }

            @Override
            public Optional<String> query(String name) {
                return Optional.ofNullable(queryParameters().get(name)).map(List::getFirst);
            }

            @Override
            public Map<String, List<String>> queryParameters() {
                return parseQuery(b.rawQuery);
            }

            @Override
            public Optional<String> header(String name) {
                return headers(name).stream().findFirst();
            }

            @Override
            public List<String> headers(String name) {
                return b.headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
            }

            @Override
            public Map<String, List<String>> headers() {
                return b.headers;
            }

            @Override
            public String clientIp() {
                return b.clientIp;
            }

            @Override
            public byte[] body() {
                return b.body;
            }
        };
    }

    @Override
    public UpstreamRequest upstreamRequest() {
        PhaseRules.require("upstreamRequest()", phase, PhaseRules.REQUEST_SIDE);
        return upstream;
    }

    @Override
    public UpstreamResponse upstreamResponse() {
        PhaseRules.require("upstreamResponse()", phase, PhaseRules.RESPONSE_SIDE);
        return new UpstreamResponse() {
            @Override
            public int status() {
                return b.upstreamStatus;
            }

            @Override
            public Optional<String> header(String name) {
                return b.upstreamHeaders.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream().findFirst();
            }

            @Override
            public Map<String, List<String>> headers() {
                return b.upstreamHeaders;
            }

            @Override
            public long latencyMillis() {
                return b.upstreamStatus == 0 ? -1 : 5;
            }

            @Override
            public Optional<byte[]> body() {
                return Optional.ofNullable(b.upstreamBody);
            }
        };
    }

    @Override
    public ClientResponse response() {
        return new ClientResponse() {
            @Override
            public void exit(int status, Object body, Map<String, String> headers) {
                PhaseRules.require("response().exit()", phase, PhaseRules.REQUEST_SIDE);
                exitStatus = status;
                exitBody = body;
                headers.forEach(this::setHeader);
            }

            @Override
            public void setBody(byte[] body) {
                PhaseRules.require("response().setBody()", phase, java.util.EnumSet.of(Phase.RESPONSE));
                responseBody = body;
            }

            @Override
            public void setStatus(int status) {
                PhaseRules.require("response().setStatus()", phase, java.util.EnumSet.of(Phase.RESPONSE));
                if (status < 100 || status > 599) {
                    throw new IllegalArgumentException("status: " + status + " (expected: 100..599)");
                }
                responseStatus = status;
            }

            @Override
            public boolean exited() {
                return exitStatus != 0;
            }

            @Override
            public int status() {
                return exitStatus != 0 ? exitStatus : responseStatus != 0 ? responseStatus : b.upstreamStatus;
            }

            @Override
            public void setHeader(String name, String value) {
                PhaseRules.require("response().setHeader()", phase, PhaseRules.HEADERS_WRITABLE);
                responseHeaders.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(List.of(value)));
            }

            @Override
            public void addHeader(String name, String value) {
                PhaseRules.require("response().addHeader()", phase, PhaseRules.HEADERS_WRITABLE);
                responseHeaders.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
            }

            @Override
            public void removeHeader(String name) {
                responseHeaders.remove(name.toLowerCase(Locale.ROOT));
            }

            @Override
            public Optional<String> header(String name) {
                return responseHeaders.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream().findFirst();
            }
        };
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
    public dev.tollgate.sdk.llm.LlmContext llm() {
        return new dev.tollgate.sdk.llm.LlmContext() {
            @Override
            public Optional<dev.tollgate.sdk.llm.ChatRequest> request() {
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

    static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    /** Builds the request a plugin is tested against. */
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
        private final List<Consumer> consumers = new ArrayList<>();
        private final List<Credential> credentials = new ArrayList<>();
        private RouteInfo route = new RouteInfo("route-1", Optional.of("route"), "service-1", Optional.of("service"));
        private HostServices services = new FakeHostServices(Clock.systemUTC());
        private java.time.Instant startedAt = java.time.Instant.now();
        private dev.tollgate.sdk.llm.ChatRequest chat;
        private LlmUsage usage;

        /** What the LLM call used, as {@code ctx.llm().usage()} returns it in response phases. */
        public Builder usage(LlmUsage usage) {
            this.usage = usage;
            return this;
        }

        /** The chat view plugins get from {@code ctx.llm().request()}, e.g. a {@link SimpleChatRequest}. */
        public Builder chat(dev.tollgate.sdk.llm.ChatRequest chat) {
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

        public Builder consumer(Consumer consumer) {
            consumers.add(consumer);
            return this;
        }

        /** Registers a consumer and one of its credentials for look-ups. */
        public Builder credential(Consumer consumer, Credential credential) {
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

        public FakePluginContext build() {
            return new FakePluginContext(this);
        }
    }
}
