package dev.tollgate.host.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every configuration key: its name in {@code tollgate.yaml} (dotted path), its default and
 * what it does. The same list documents docs/configuration.md and maps environment variables
 * ({@code TOLLGATE_} + the key upper-cased, dots and dashes as underscores) and flags
 * ({@code --key=value}).
 */
public enum ConfigKey {
    PROXY_HOST("proxy.host", "0.0.0.0", "Address the proxy listener binds."),
    PROXY_PORT("proxy.port", "8000", "Port of the plain HTTP proxy listener."),
    PROXY_TLS_PORT("proxy.tls.port", "8443", "Port of the HTTPS proxy listener; it listens only when a certificate and key are set."),
    PROXY_TLS_CERTIFICATE("proxy.tls.certificate", null, "PEM file with the proxy's certificate chain."),
    PROXY_TLS_KEY("proxy.tls.key", null, "PEM file with the proxy certificate's private key (PKCS#8)."),
    PROXY_MAX_BODY_SIZE("proxy.max-body-size", "10MiB", "Largest request body the proxy accepts; larger ones get 413. Units: B, KiB, MiB, GiB."),
    PROXY_CLIENT_BODY_TIMEOUT("proxy.client-body-timeout", "60s", "Longest wait for the next bytes of a client's request body (nginx's client_body_timeout); "
            + "a client that stalls longer has its connection closed, and the upstream connection its body was streamed on with it."),
    PROXY_MAX_CONNECTIONS("proxy.max-connections", "auto", "Client connections each proxy listener holds at once; more wait in the "
            + "accept queue until one closes. 'auto': half of the process's file-descriptor limit, less a reserve, shared by the "
            + "listeners, so that client and upstream sockets together stay under the limit (a listener that hits it stops for good)."),
    ADMIN_HOST("admin.host", "127.0.0.1", "Address the Admin API binds. Beyond loopback, admin.token is required."),
    ADMIN_PORT("admin.port", "8001", "Port of the Admin API."),
    ADMIN_TOKEN("admin.token", null, "When set, Admin API calls must send 'Authorization: Bearer <token>' (or 'Tollgate-Admin-Token: <token>')."),
    ADMIN_ALLOWED_ORIGINS("admin.allowed-origins", null, "Web origins (scheme://host[:port], comma-separated or a YAML list) whose pages may call the Admin API, "
            + "besides the API's own. A request with any other Origin gets 403; requests without one (curl, scripts) are not affected."),
    ADMIN_ALLOWED_HOSTS("admin.allowed-hosts", null, "Host names the Admin API may be called by, besides IP addresses and localhost "
            + "(comma-separated or a YAML list). Without admin.token every other name gets 403 (against DNS rebinding); with a token, "
            + "names are checked only when this is set."),
    STATUS_HOST("status.host", "127.0.0.1", "Address the status listener binds (/status, /status/ready, /metrics), for health "
            + "checks and Prometheus; beyond loopback it serves what it serves to anyone who can reach it."),
    STATUS_PORT("status.port", "8100", "Port of the status listener (Kong's status_listen); 'off' for none."),
    UI_HOST("ui.host", "127.0.0.1", "Address the admin UI binds (Kong's admin_gui_listen). The UI's listener also serves the Admin API "
            + "under /api, so beyond loopback admin.token is required, as for admin.host."),
    UI_PORT("ui.port", "8002", "Port of the admin UI; 'off' for none."),
    UI_TLS_CERTIFICATE("ui.tls.certificate", null, "PEM file with the admin UI's certificate chain; with ui.tls.key the UI listens for HTTPS only."),
    UI_TLS_KEY("ui.tls.key", null, "PEM file with the admin UI certificate's private key (PKCS#8)."),
    REQUEST_LOG_SIZE("request-log.size", "1000", "How many of its last requests a node keeps for GET /requests and /requests/stream "
            + "(time, route, consumer, status, latencies, bytes, model, tokens, cost, trace id); 0 keeps none."),
    REQUEST_LOG_BODY_SIZE("request-log.body-size", "0", "Keep the first bytes of each request body, as sent upstream (after the "
            + "plugins: masked by ai-sanitizer), in the request log; 0 keeps no bodies. Bodies the gateway streamed unread are not kept."),
    REQUEST_LOG_REDIS("request-log.redis", null, "host:port of a Redis the nodes share: /requests/stream?scope=cluster then streams "
            + "every node's requests."),
    METRICS_PREFIX("metrics.prefix", "tollgate", "Prefix of the metric names at /metrics: 'tollgate' (tollgate_http_requests_total, ...), "
            + "or 'kong' so that dashboards made for Kong's prometheus plugin work unchanged."),
    DATABASE_TYPE("database.type", "h2", "Configuration store: 'h2' (embedded file database under data-dir) or 'postgres'.", "TOLLGATE_DATABASE"),
    DATABASE_URL("database.url", null, "JDBC URL, required for postgres (jdbc:postgresql://host:5432/db)."),
    DATABASE_USER("database.user", null, "Database user."),
    DATABASE_PASSWORD("database.password", null, "Database password."),
    DATA_DIR("data-dir", "./data", "Directory for the embedded database, the saved configuration (config-snapshot.json) and loaded plugin jars (plugin-cache). "
            + "Created 0700, its files kept 0600: it holds provider keys and credentials."),
    PLUGINS_DIR("plugins-dir", "./plugins", "Directory watched for plugin jars: a jar dropped here is loaded within a second, replaced when it changes, unloaded when removed."),
    PLUGINS_WARM_UP("plugins-warm-up", "true", "Compile a small script in the background at start, so that the first JavaScript plugin "
            + "file loads in a tenth of a second rather than about one; 'false' saves that second of CPU at start."),
    JVM_HEAP("jvm.heap", null, "The JVM's heap limit, applied by ./tollgate start (-Xmx); 192MiB when unset. Units: MiB, GiB.", "TOLLGATE_HEAP"),
    CONFIG_POLL_INTERVAL("cluster.poll-interval", "1s", "How often a node checks the store for configuration changes made by other nodes.");

    private final String key;
    private final String defaultValue;
    private final String description;
    private final List<String> envNames;

    ConfigKey(String key, String defaultValue, String description, String... extraEnvNames) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
        String env = "TOLLGATE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        this.envNames = extraEnvNames.length == 0 ? List.of(env) : List.of(extraEnvNames[0], env);
    }

    public String key() {
        return key;
    }

    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public String description() {
        return description;
    }

    /** Environment variables that set this key, in order of precedence. */
    public List<String> envNames() {
        return envNames;
    }

    public static Optional<ConfigKey> byKey(String key) {
        for (ConfigKey k : values()) {
            if (k.key.equals(key)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
