package dev.tollgate.plugins.acl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.tollgate.commons.auth.FailingIdentityContext;
import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.CredentialInfo;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.testkit.FakePluginContext;
import org.junit.jupiter.api.Test;

class AclPluginTest {
    static final ConsumerInfo ALICE = ConsumerInfo.builder("c-alice").username("alice").build();
    static final ConsumerInfo BOB = ConsumerInfo.builder("c-bob").username("bob").build();
    static final CredentialInfo ALICE_KEY = CredentialInfo.builder("cred-alice", "key-auth", "c-alice", "k1").build();
    static final CredentialInfo BOB_KEY = CredentialInfo.builder("cred-bob", "key-auth", "c-bob", "k2").build();
    static final Map<String, String> FORBIDDEN = Map.of("message", "You cannot consume this service");
    static final Map<String, String> UNAUTHORIZED = Map.of("message", "Unauthorized");

    static CredentialInfo group(String consumerId, String name) {
        return CredentialInfo.builder("acl-" + consumerId + "-" + name, "acls", consumerId, name).build();
    }

    /** Alice is in "admin" and "pro"; Bob is in no group. */
    static FakePluginContext.Builder request() {
        return FakePluginContext.builder()
                .credential(ALICE, ALICE_KEY).credential(ALICE, group("c-alice", "admin")).credential(ALICE, group("c-alice", "pro"))
                .credential(BOB, BOB_KEY)
                // Another consumer's group of the same name must not count for Bob.
                .credential(ConsumerInfo.builder("c-carol").username("carol").build(), group("c-carol", "admin"));
    }

    static FakePluginContext run(Map<String, ?> config, FakePluginContext.Builder request, ConsumerInfo as, CredentialInfo with) {
        FakePluginContext ctx = request.build();
        if (as != null) {
            ctx.identity().authenticate(as, with);
        }
        new AclPluginFactory().create(AclConfig.SCHEMA.validate(config)).access(ctx.in(Phase.ACCESS));
        return ctx;
    }

    static FakePluginContext alice(Map<String, ?> config) {
        return run(config, request(), ALICE, ALICE_KEY);
    }

    static FakePluginContext bob(Map<String, ?> config) {
        return run(config, request(), BOB, BOB_KEY);
    }

    static void assertPassed(FakePluginContext ctx) {
        assertThat(ctx.exitStatus()).isZero();
    }

    static void assertRefused(FakePluginContext ctx, int status, Map<String, String> body) {
        assertThat(ctx.exitStatus()).isEqualTo(status);
        assertThat(ctx.exitBody()).isEqualTo(body);
    }

    @Test
    void allowLetsInConsumersOfAnyListedGroup() {
        assertPassed(alice(Map.of("allow", List.of("pro"))));
        assertPassed(alice(Map.of("allow", List.of("nobody", "admin"))));
        assertRefused(alice(Map.of("allow", List.of("ops", "Admin"))), 403, FORBIDDEN); // names are case-sensitive
    }

    @Test
    void allowRefusesAnAuthenticatedConsumerInNoGroup() {
        assertRefused(bob(Map.of("allow", List.of("admin"))), 403, FORBIDDEN);
    }

    @Test
    void denyKeepsOutConsumersOfAnyListedGroup() {
        assertRefused(alice(Map.of("deny", List.of("ops", "pro"))), 403, FORBIDDEN);
        assertPassed(alice(Map.of("deny", List.of("ops"))));
        assertPassed(bob(Map.of("deny", List.of("admin"))));
    }

    @Test
    void needsAConsumer() {
        FakePluginContext ctx = run(Map.of("allow", List.of("admin")), request(), null, null);

        assertRefused(ctx, 401, UNAUTHORIZED);
        assertRefused(run(Map.of("deny", List.of("admin")), request(), null, null), 401, UNAUTHORIZED);
    }

    @Test
    void anAnonymousConsumerInNoGroupIsAskedToAuthenticate() {
        var guest = ConsumerInfo.builder("c-anon").username("guest").build();

        assertRefused(run(Map.of("allow", List.of("admin")), request().consumer(guest), guest, null), 401, UNAUTHORIZED);
        assertPassed(run(Map.of("deny", List.of("admin")), request().consumer(guest), guest, null));
    }

    @Test
    void anAnonymousConsumerIsJudgedByItsGroups() {
        var guest = ConsumerInfo.builder("c-anon").username("guest").build();
        var request = request().credential(guest, group("c-anon", "public"));

        assertPassed(run(Map.of("allow", List.of("public")), request, guest, null));
        assertRefused(run(Map.of("allow", List.of("admin")), request, guest, null), 403, FORBIDDEN);
    }

    @Test
    void tellsTheUpstreamTheConsumersGroups() {
        FakePluginContext ctx = run(Map.of("allow", List.of("admin")),
                request().header("X-Consumer-Groups", "root"), ALICE, ALICE_KEY);

        assertThat(ctx.upstreamHeaders()).containsEntry("x-consumer-groups", List.of("admin, pro"));
    }

    @Test
    void hidesTheGroupsAndDropsOnesTheClientMadeUp() {
        FakePluginContext hidden = run(Map.of("allow", List.of("admin"), "hide_groups_header", true),
                request().header("X-Consumer-Groups", "root"), ALICE, ALICE_KEY);
        FakePluginContext noGroups = run(Map.of("deny", List.of("admin")),
                request().header("X-Consumer-Groups", "root"), BOB, BOB_KEY);

        assertPassed(hidden);
        assertThat(hidden.upstreamHeaders()).doesNotContainKey("x-consumer-groups");
        assertPassed(noGroups);
        assertThat(noGroups.upstreamHeaders()).doesNotContainKey("x-consumer-groups");
    }

    @Test
    void aFailingGroupLookUpIsAServerError() {
        FakePluginContext fake = request().build();
        fake.identity().authenticate(ALICE, ALICE_KEY);
        var ctx = new FailingIdentityContext(fake);

        new AclPluginFactory().create(AclConfig.SCHEMA.validate(Map.of("allow", List.of("admin")))).access(ctx);

        assertRefused(fake, 500, Map.of("message", "An unexpected error occurred"));
        assertThat(fake.logLines()).anyMatch(l -> l.startsWith("ERROR") && l.contains("store down"));
    }
}
