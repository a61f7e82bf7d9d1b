package dev.tollgate.host;

import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;

import dev.tollgate.host.config.GatewayConfig;

/**
 * How many client connections each listener may hold. Helidon 4.5 stops a listener for good
 * when {@code accept} fails, as it does once the process is out of file descriptors ("Too many
 * open files"): a flood of connections — clients that start uploads and leave, say — would shut
 * the proxy until a restart. A listener holding at most its share of the limit makes further
 * clients wait in the accept queue instead, and every client connection may hold an upstream
 * socket beside it.
 */
final class ConnectionLimits {
    private static final System.Logger LOG = System.getLogger(ConnectionLimits.class.getName());
    /** Descriptors kept for the JVM, jars, the database, Redis, log files and idle upstream connections. */
    static final int RESERVE = 1024;
    /** The Admin API's own cap: enough for operators and tools, and apart from the proxy's share. */
    static final int ADMIN = 256;
    private static final int MINIMUM = 64;

    private ConnectionLimits() {
    }

    /** Connections per proxy listener: as configured, or an equal share of half the descriptors left after the reserve. */
    static int perProxyListener(GatewayConfig config, int proxyListeners) {
        if (config.proxyMaxConnections() != GatewayConfig.AUTO) {
            return config.proxyMaxConnections();
        }
        long fds = descriptorLimit();
        if (fds <= 0) {
            return -1; // unknown (not a Unix JVM): Helidon's default, no limit
        }
        long share = Math.max(MINIMUM, (fds - RESERVE - ADMIN) / 2 / proxyListeners);
        int limit = (int) Math.min(Integer.MAX_VALUE, share);
        LOG.log(Level.DEBUG, () -> "file descriptors: " + fds + "; client connections per proxy listener: " + limit);
        return limit;
    }

    /** The process's open-file limit, or -1 when the JVM cannot tell. */
    static long descriptorLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }
}
