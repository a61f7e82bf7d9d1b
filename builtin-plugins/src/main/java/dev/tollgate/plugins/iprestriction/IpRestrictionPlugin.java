package dev.tollgate.plugins.iprestriction;

import static java.util.Objects.requireNonNull;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;

/** Lets clients in or refuses them by their IP address, as Kong's {@code ip-restriction}: deny wins over allow. */
final class IpRestrictionPlugin implements Plugin {
    static final String ERR_NO_CLIENT_IP = "Cannot identify the client IP address";

    private final IpRestrictionConfig config;

    IpRestrictionPlugin(IpRestrictionConfig config) {
        this.config = requireNonNull(config, "config");
    }

    @Override
    public void access(PluginContext ctx) {
        Optional<byte[]> address = IpRange.clientAddress(ctx.request().clientIp());
        if (address.isEmpty()) {
            // Without an address no rule can be checked; letting the request through would open the route.
            ctx.log().log(Level.WARNING, "client address '" + ctx.request().clientIp() + "' is not an IP address");
            ctx.response().exit(403, Map.of("message", ERR_NO_CLIENT_IP));
            return;
        }
        if (matches(config.deny(), address.get())
                || !config.allow().isEmpty() && !matches(config.allow(), address.get())) {
            ctx.response().exit(config.status(), Map.of("message", config.message()));
        }
    }

    private static boolean matches(List<IpRange> ranges, byte[] address) {
        for (IpRange range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return IpRestrictionPluginFactory.NAME + "{allow=" + config.allow() + ", deny=" + config.deny()
                + ", status=" + config.status() + "}";
    }
}
