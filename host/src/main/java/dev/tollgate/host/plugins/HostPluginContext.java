package dev.tollgate.host.plugins;

import java.util.Optional;
import java.util.Set;

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
import dev.tollgate.sdk.UpstreamRequest;
import dev.tollgate.sdk.UpstreamResponse;
import dev.tollgate.sdk.llm.ChatRequest;
import dev.tollgate.sdk.llm.LlmContext;
import dev.tollgate.sdk.llm.LlmUsage;

/** One plugin's view of the request in one phase; calls outside their phases fail naming the allowed ones. */
final class HostPluginContext implements PluginContext {
    private static final Set<Phase> REQUEST_SIDE = PhaseRules.REQUEST_SIDE;
    private static final Set<Phase> RESPONSE_SIDE = PhaseRules.RESPONSE_SIDE;
    private static final Set<Phase> HEADERS_WRITABLE = PhaseRules.HEADERS_WRITABLE;

    private final PluginRun run;
    private final PluginIndex.Instance instance;
    private final Phase phase;

    HostPluginContext(PluginRun run, PluginIndex.Instance instance, Phase phase) {
        this.run = run;
        this.instance = instance;
        this.phase = phase;
    }

    @Override
    public Phase phase() {
        return phase;
    }

    @Override
    public java.time.Instant startedAt() {
        return run.startedAt;
    }

    @Override
    public ClientRequest request() {
        return run.request;
    }

    @Override
    public UpstreamRequest upstreamRequest() {
        require("upstreamRequest()", REQUEST_SIDE);
        return run.upstream;
    }

    @Override
    public UpstreamResponse upstreamResponse() {
        require("upstreamResponse()", RESPONSE_SIDE);
        return run.upstreamResponse;
    }

    @Override
    public ClientResponse response() {
        ClientResponseState state = run.response;
        return new ClientResponse() {
            @Override
            public void exit(int status, Object body, java.util.Map<String, String> headers) {
                require("response().exit()", REQUEST_SIDE);
                state.exit(status, body, headers);
            }

            @Override
            public void setBody(byte[] body) {
                require("response().setBody()", java.util.EnumSet.of(Phase.RESPONSE));
                state.setBody(body);
            }

            @Override
            public void setStatus(int status) {
                require("response().setStatus()", java.util.EnumSet.of(Phase.RESPONSE));
                state.setStatus(status);
            }

            @Override
            public boolean exited() {
                return state.exited();
            }

            @Override
            public int status() {
                return state.status();
            }

            @Override
            public void setHeader(String name, String value) {
                require("response().setHeader()", HEADERS_WRITABLE);
                state.setHeader(name, value);
            }

            @Override
            public void addHeader(String name, String value) {
                require("response().addHeader()", HEADERS_WRITABLE);
                state.addHeader(name, value);
            }

            @Override
            public void removeHeader(String name) {
                require("response().removeHeader()", HEADERS_WRITABLE);
                state.removeHeader(name);
            }

            @Override
            public Optional<String> header(String name) {
                return state.header(name);
            }
        };
    }

    @Override
    public Identity identity() {
        IdentityState identity = run.identity;
        return new Identity() {
            @Override
            public Optional<ConsumerInfo> consumer() {
                return identity.consumer();
            }

            @Override
            public Optional<CredentialInfo> credential() {
                return identity.credential();
            }

            @Override
            public void authenticate(ConsumerInfo consumer, CredentialInfo credential) {
                require("identity().authenticate()", REQUEST_SIDE);
                identity.authenticate(consumer, credential);
            }

            @Override
            public Optional<CredentialInfo> findCredential(String kind, String key) {
                return identity.findCredential(kind, key);
            }

            @Override
            public java.util.List<CredentialInfo> credentialsOf(String consumerId, String kind) {
                return identity.credentialsOf(consumerId, kind);
            }

            @Override
            public Optional<ConsumerInfo> findConsumer(String idOrUsername) {
                return identity.findConsumer(idOrUsername);
            }
        };
    }

    @Override
    public RouteInfo route() {
        return run.route;
    }

    @Override
    public <T> Optional<T> get(ContextKey<T> key) {
        return run.get(key);
    }

    @Override
    public <T> void put(ContextKey<T> key, T value) {
        run.put(key, value);
    }

    @Override
    public System.Logger log() {
        return instance.log();
    }

    @Override
    public LlmContext llm() {
        return new LlmContext() {
            @Override
            public Optional<ChatRequest> request() {
                return run.chat().map(c -> (ChatRequest) c);
            }

            @Override
            public Optional<LlmUsage> usage() {
                return run.usage();
            }
        };
    }

    @Override
    public HostServices services() {
        return instance.services();
    }

    @Override
    public dev.tollgate.sdk.RequestTotals totals() {
        require("totals()", java.util.EnumSet.of(Phase.LOG));
        return run.totals();
    }

    private void require(String call, Set<Phase> allowed) {
        PhaseRules.require(call, phase, allowed);
    }
}
