package dev.tollgate.host;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import dev.tollgate.db.StoreException;
import dev.tollgate.host.config.ConfigException;
import dev.tollgate.host.config.ConfigLoader;
import dev.tollgate.host.config.GatewayConfig;
import io.helidon.logging.common.LogConfig;

/** {@code ./tollgate start}: runs one gateway node until SIGTERM or Ctrl-C. */
public final class TollgateMain {
    /** Longer than the server's grace for in-flight requests plus the usage flush. */
    private static final Duration SHUTDOWN_DEADLINE = Duration.ofSeconds(30);

    private TollgateMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println("usage: tollgate start [--config tollgate.yaml] [--key=value ...]\n"
                    + "  keys as in tollgate.yaml, e.g. --proxy.port=8000 --admin.port=8001 --database.type=postgres\n"
                    + "  see docs/configuration.md");
            return;
        }
        LogConfig.configureRuntime();
        GatewayConfig config;
        Gateway gateway;
        try {
            config = ConfigLoader.load(List.of(args), System.getenv(), Path.of("").toAbsolutePath());
            gateway = Gateway.start(config);
        } catch (ConfigException e) {
            System.err.println("tollgate: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        } catch (StoreException e) {
            System.err.println("tollgate: " + e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            System.err.println("tollgate: cannot start: " + rootMessage(e));
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("tollgate: stopping");
            // Nothing may hold the process after SIGTERM (a script that cannot be stopped, a
            // stuck store): past the deadline, halt.
            Thread.ofPlatform().daemon().name("tollgate-shutdown-deadline").start(() -> {
                try {
                    Thread.sleep(SHUTDOWN_DEADLINE.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                System.err.println("tollgate: shutdown did not finish within " + SHUTDOWN_DEADLINE.toSeconds() + " s; halting");
                Runtime.getRuntime().halt(1);
            });
            gateway.close();
            System.out.println("tollgate: stopped");
            stopped.countDown();
        }, "tollgate-shutdown"));
        System.out.println("tollgate " + Gateway.version() + " started");
        System.out.println("  proxy      http://" + config.proxyHost() + ":" + gateway.proxyPort());
        if (config.tlsEnabled()) {
            System.out.println("  proxy TLS  https://" + config.proxyHost() + ":" + gateway.proxyTlsPort());
        }
        System.out.println("  admin API  http://" + config.adminHost() + ":" + gateway.adminPort()
                + (config.adminToken().isPresent() ? " (token required)" : ""));
        if (config.statusEnabled()) {
            System.out.println("  status     http://" + config.statusHost() + ":" + gateway.statusPort() + "/status");
        }
        if (config.ui().enabled()) {
            System.out.println("  admin UI   " + (config.ui().tls() ? "https://" : "http://") + config.ui().host() + ":" + gateway.uiPort() + "/");
        }
        System.out.println("  storage    " + config.database().describe());
        System.out.println("  plugins    " + config.pluginsDir());
        System.out.println("  heap       up to " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
        heapWarning(config, Runtime.getRuntime().maxMemory()).ifPresent(System.err::println);
        gateway.pluginRuntimes().forEach(r -> System.out.println("  scripts    " + r));
        stopped.await();
    }

    /**
     * A warning when {@code jvm.heap} asks for a heap this JVM did not get: the heap is fixed when
     * the JVM starts, so only the launcher (or {@code -Xmx}) can apply it.
     */
    static Optional<String> heapWarning(GatewayConfig config, long maxMemory) {
        if (config.jvmHeap().isEmpty()) {
            return Optional.empty();
        }
        long asked = config.jvmHeap().getAsLong();
        // The collector reports a little less than -Xmx (a survivor space); 10% covers it.
        if (maxMemory <= asked && maxMemory >= asked * 9 / 10) {
            return Optional.empty();
        }
        return Optional.of("tollgate: warning: jvm.heap is " + asked / (1024 * 1024) + " MiB but this JVM's heap limit is "
                + maxMemory / (1024 * 1024) + " MiB; the heap is set when the JVM starts: use ./tollgate start, or -Xmx");
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }
}
