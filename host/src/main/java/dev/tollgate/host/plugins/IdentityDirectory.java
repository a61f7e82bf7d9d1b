package dev.tollgate.host.plugins;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.db.ConfigData;
import dev.tollgate.db.Consumer;
import dev.tollgate.db.Credential;
import dev.tollgate.db.Ref;
import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.CredentialInfo;

/**
 * Consumers and credentials of one snapshot, for look-ups on the request path. A credential
 * with a positive {@code ttl} (seconds) stops being found {@code ttl} seconds after it was made.
 */
public final class IdentityDirectory {
    private final Map<String, ConsumerInfo> consumers;
    private final Map<String, CredentialInfo> credentials;
    private final Map<String, List<CredentialInfo>> byConsumer;
    /** Expiry (epoch ms) of the credentials that have one, by credential id. */
    private final Map<String, Long> expiresAt;
    private final java.time.Clock clock;

    private IdentityDirectory(Map<String, ConsumerInfo> consumers, Map<String, CredentialInfo> credentials,
                              Map<String, List<CredentialInfo>> byConsumer, Map<String, Long> expiresAt, java.time.Clock clock) {
        this.consumers = consumers;
        this.credentials = credentials;
        this.byConsumer = byConsumer;
        this.expiresAt = expiresAt;
        this.clock = clock;
    }

    public static IdentityDirectory build(ConfigData data) {
        return build(data, java.time.Clock.systemUTC());
    }

    public static IdentityDirectory build(ConfigData data, java.time.Clock clock) {
        Map<String, ConsumerInfo> consumers = new HashMap<>();
        for (Consumer c : data.consumers()) {
            ConsumerInfo sdk = ConsumerInfo.builder(c.id()).username(c.username()).customId(c.customId()).tags(c.tags()).build();
            consumers.put("id:" + c.id(), sdk);
            if (c.username() != null) {
                consumers.put("username:" + c.username(), sdk);
            }
        }
        Map<String, CredentialInfo> credentials = new HashMap<>();
        Map<String, List<CredentialInfo>> byConsumer = new HashMap<>();
        Map<String, Long> expiresAt = new HashMap<>();
        for (Credential c : data.credentials()) {
            if (c.data().get("ttl") instanceof Number ttl && ttl.longValue() > 0) {
                long seconds = ttl.longValue() > Long.MAX_VALUE / 1000 - c.createdAt() ? Long.MAX_VALUE / 1000 : c.createdAt() + ttl.longValue();
                expiresAt.put(c.id(), seconds * 1000);
            }
            CredentialInfo sdk = CredentialInfo.builder(c.id(), c.kind(), Ref.idOf(c.consumer()), CredentialKeys.key(c)).data(c.data()).build();
            credentials.put(c.kind() + "\u0000" + c.lookupKey(), sdk);
            byConsumer.computeIfAbsent(sdk.consumerId() + "\u0000" + c.kind(), k -> new ArrayList<>()).add(sdk);
        }
        byConsumer.replaceAll((k, v) -> List.copyOf(v));
        return new IdentityDirectory(Map.copyOf(consumers), Map.copyOf(credentials), Map.copyOf(byConsumer),
                Map.copyOf(expiresAt), clock);
    }

    public static IdentityDirectory empty() {
        return new IdentityDirectory(Map.of(), Map.of(), Map.of(), Map.of(), java.time.Clock.systemUTC());
    }

    public Optional<ConsumerInfo> consumer(String idOrUsername) {
        ConsumerInfo c = consumers.get("id:" + idOrUsername);
        return Optional.ofNullable(c != null ? c : consumers.get("username:" + idOrUsername));
    }

    /** A credential of a kind whose keys are unique among all consumers. */
    public Optional<CredentialInfo> credential(String kind, String key) {
        return Optional.ofNullable(credentials.get(kind + "\u0000" + key)).filter(this::live);
    }

    private boolean live(CredentialInfo c) {
        Long expiry = expiresAt.get(c.id());
        return expiry == null || clock.millis() < expiry;
    }

    public List<CredentialInfo> credentialsOf(String consumerId, String kind) {
        List<CredentialInfo> all = byConsumer.getOrDefault(consumerId + "\u0000" + kind, List.of());
        return expiresAt.isEmpty() ? all : all.stream().filter(this::live).toList();
    }
}
