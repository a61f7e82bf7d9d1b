package dev.tollgate.commons.auth;

import java.util.Optional;

import dev.tollgate.sdk.ClientRequest;
import dev.tollgate.sdk.ClientResponse;
import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.ContextKey;
import dev.tollgate.sdk.CredentialInfo;
import dev.tollgate.sdk.HostServices;
import dev.tollgate.sdk.Identity;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.RouteInfo;
import dev.tollgate.sdk.UpstreamRequest;
import dev.tollgate.sdk.UpstreamResponse;
import dev.tollgate.sdk.llm.LlmContext;
import dev.tollgate.sdk.testkit.FakePluginContext;

/** A test context whose look-ups of credentials, consumers and groups fail, as they do when the store is down. */
public record FailingIdentityContext(FakePluginContext delegate) implements PluginContext {

    @Override
    public Identity identity() {
        Identity identity = delegate.identity();
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
                identity.authenticate(consumer, credential);
            }

            @Override
            public Optional<CredentialInfo> findCredential(String kind, String key) {
                throw new IllegalStateException("store down");
            }

            @Override
            public Optional<ConsumerInfo> findConsumer(String idOrUsername) {
                throw new IllegalStateException("store down");
            }

            @Override
            public java.util.List<CredentialInfo> credentialsOf(String consumerId, String kind) {
                throw new IllegalStateException("store down");
            }
        };
    }

    @Override
    public Phase phase() {
        return delegate.phase();
    }

    @Override
    public LlmContext llm() {
        return delegate.llm();
    }

    @Override
    public java.time.Instant startedAt() {
        return delegate.startedAt();
    }

    @Override
    public ClientRequest request() {
        return delegate.request();
    }

    @Override
    public UpstreamRequest upstreamRequest() {
        return delegate.upstreamRequest();
    }

    @Override
    public UpstreamResponse upstreamResponse() {
        return delegate.upstreamResponse();
    }

    @Override
    public ClientResponse response() {
        return delegate.response();
    }

    @Override
    public RouteInfo route() {
        return delegate.route();
    }

    @Override
    public <T> Optional<T> get(ContextKey<T> key) {
        return delegate.get(key);
    }

    @Override
    public <T> void put(ContextKey<T> key, T value) {
        delegate.put(key, value);
    }

    @Override
    public System.Logger log() {
        return delegate.log();
    }

    @Override
    public HostServices services() {
        return delegate.services();
    }
}
