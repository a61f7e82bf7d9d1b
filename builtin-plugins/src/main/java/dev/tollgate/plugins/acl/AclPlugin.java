package dev.tollgate.plugins.acl;

import static java.util.Objects.requireNonNull;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.commons.auth.Authentication;
import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.CredentialInfo;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.RequestBodyTooLargeException;

/**
 * Lets consumers through by the groups they belong to, as Kong's {@code acl} does. Runs after
 * the authentication plugins, whose consumer it judges.
 */
final class AclPlugin implements Plugin {
    static final String ERR_UNAUTHORIZED = "Unauthorized";
    static final String ERR_FORBIDDEN = "You cannot consume this service";

    static final String CONSUMER_GROUPS = "X-Consumer-Groups";

    private final AclConfig config;

    AclPlugin(AclConfig config) {
        this.config = requireNonNull(config, "config");
    }

    @Override
    public void access(PluginContext ctx) {
        Optional<ConsumerInfo> consumer = ctx.identity().consumer();
        if (consumer.isEmpty()) {
            ctx.log().log(Level.DEBUG, "no consumer: add an authentication plugin to use acl");
            ctx.response().exit(401, Map.of("message", ERR_UNAUTHORIZED));
            return;
        }
        List<String> groups;
        try {
            groups = ctx.identity().credentialsOf(consumer.get().id(), AclCredentials.KIND).stream()
                    .map(CredentialInfo::key).toList();
        } catch (RequestBodyTooLargeException e) {
            throw e; // the gateway answers 413
        } catch (RuntimeException e) {
            Authentication.unexpected(ctx, "group look-up failed", e);
            return;
        }
        // Kong's nuance: an anonymous consumer in no group is asked to authenticate, while an
        // authenticated one is refused.
        if (groups.isEmpty() && config.mode() == AclConfig.Mode.ALLOW && ctx.identity().credential().isEmpty()) {
            ctx.response().exit(401, Map.of("message", ERR_UNAUTHORIZED));
            return;
        }
        boolean inGroup = groups.stream().anyMatch(config.groups()::contains);
        boolean allowed = config.mode() == AclConfig.Mode.ALLOW ? inGroup : !inGroup;
        if (!allowed) {
            ctx.response().exit(403, Map.of("message", ERR_FORBIDDEN));
            return;
        }
        // A client's own X-ConsumerInfo-Groups never reaches the upstream as if the gateway had set it.
        if (config.hideGroupsHeader() || groups.isEmpty()) {
            ctx.upstreamRequest().removeHeader(CONSUMER_GROUPS);
        } else {
            ctx.upstreamRequest().setHeader(CONSUMER_GROUPS, String.join(", ", groups));
        }
    }

    @Override
    public String toString() {
        return "acl " + config;
    }
}
