package dev.tollgate.host.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tollgate.db.DatabaseSettings;

/**
 * Resolves {@link GatewayConfig}: defaults, overridden by {@code tollgate.yaml} (the file named
 * by {@code --config}, else {@code ./tollgate.yaml} when present), by {@code TOLLGATE_*}
 * environment variables, and by {@code --key=value} flags. Unknown keys and bad values fail
 * the start with a message naming them.
 */
public final class ConfigLoader {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|KIB|K|MB|MIB|M|GB|GIB|G)?");
    private static final long MIN_HEAP = 64L * 1024 * 1024;
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private ConfigLoader() {
    }

    public static GatewayConfig load(List<String> args, Map<String, String> env, Path workDir) {
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        List<String> flags = new ArrayList<>(args);
        Optional<Path> file = takeConfigFlag(flags).map(workDir::resolve);
        if (file.isEmpty() && Files.isRegularFile(workDir.resolve("tollgate.yaml"))) {
            file = Optional.of(workDir.resolve("tollgate.yaml"));
        }
        file.ifPresent(f -> readYaml(f, values));
        for (ConfigKey k : ConfigKey.values()) {
            for (String name : k.envNames().reversed()) {
                String v = env.get(name);
                if (v != null && !v.isEmpty()) {
                    values.put(k, v);
                }
            }
        }
        readFlags(flags, values);
        return resolve(values, workDir);
    }

    private static Optional<String> takeConfigFlag(List<String> flags) {
        for (int i = 0; i < flags.size(); i++) {
            String f = flags.get(i);
            if (f.startsWith("--config=")) {
                flags.remove(i);
                return Optional.of(f.substring("--config=".length()));
            }
            if (f.equals("--config")) {
                if (i + 1 >= flags.size()) {
                    throw new ConfigException("--config: missing value (expected: a path to tollgate.yaml)");
                }
                String v = flags.get(i + 1);
                flags.remove(i + 1);
                flags.remove(i);
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    private static void readYaml(Path file, Map<ConfigKey, String> values) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            throw new ConfigException(file + ": expected a mapping of keys at the top level");
        }
        flatten(file, "", root, values);
    }

    private static void flatten(Path file, String prefix, JsonNode node, Map<ConfigKey, String> values) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode v = e.getValue();
            if (key.equals("database") && v.isValueNode()) {
                key = "database.type";
            }
            if (v.isObject()) {
                flatten(file, key, v, values);
            } else if (!v.isNull()) {
                String k = key;
                ConfigKey ck = ConfigKey.byKey(key).orElseThrow(() -> new ConfigException(
                        file + ": unknown key '" + k + "' (see docs/configuration.md for the keys)"));
                if (v.isArray()) {
                    List<String> items = new ArrayList<>();
                    v.forEach(item -> items.add(item.asText()));
                    values.put(ck, String.join(",", items));
                } else {
                    values.put(ck, v.asText());
                }
            }
        }
    }

    private static void readFlags(List<String> flags, Map<ConfigKey, String> values) {
        for (int i = 0; i < flags.size(); i++) {
            String f = flags.get(i);
            if (!f.startsWith("--")) {
                throw new ConfigException("unexpected argument '" + f + "' (expected: --key=value)");
            }
            String body = f.substring(2);
            String key;
            String value;
            int eq = body.indexOf('=');
            if (eq >= 0) {
                key = body.substring(0, eq);
                value = body.substring(eq + 1);
            } else if (i + 1 < flags.size() && !flags.get(i + 1).startsWith("--")) {
                key = body;
                value = flags.get(++i);
            } else {
                throw new ConfigException("--" + body + ": missing value (expected: --" + body + "=value)");
            }
            String k = key.equals("database") ? "database.type" : key;
            ConfigKey ck = ConfigKey.byKey(k).orElseThrow(() -> new ConfigException(
                    "unknown flag '--" + key + "' (see docs/configuration.md for the keys)"));
            values.put(ck, value);
        }
    }

    private static GatewayConfig resolve(Map<ConfigKey, String> values, Path workDir) {
        var get = (java.util.function.Function<ConfigKey, Optional<String>>) k ->
                Optional.ofNullable(values.get(k)).or(k::defaultValue);
        Path dataDir = workDir.resolve(get.apply(ConfigKey.DATA_DIR).orElseThrow()).normalize();
        String dbType = get.apply(ConfigKey.DATABASE_TYPE).orElseThrow().toLowerCase(Locale.ROOT);
        if (dbType.equals("postgresql")) {
            dbType = "postgres";
        }
        DatabaseSettings db;
        try {
            db = new DatabaseSettings(dbType, get.apply(ConfigKey.DATABASE_URL).orElse(null),
                    get.apply(ConfigKey.DATABASE_USER).orElse(null), get.apply(ConfigKey.DATABASE_PASSWORD).orElse(null), dataDir);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        Optional<Path> cert = get.apply(ConfigKey.PROXY_TLS_CERTIFICATE).map(workDir::resolve);
        Optional<Path> key = get.apply(ConfigKey.PROXY_TLS_KEY).map(workDir::resolve);
        checkTlsPair("proxy.tls", cert, key);
        String adminHost = get.apply(ConfigKey.ADMIN_HOST).orElseThrow();
        Optional<String> token = get.apply(ConfigKey.ADMIN_TOKEN).filter(t -> !t.isBlank());
        if (token.isEmpty() && !isLoopback(adminHost)) {
            throw new ConfigException("admin.host: " + adminHost
                    + " is reachable beyond this machine; set admin.token (TOLLGATE_ADMIN_TOKEN) to protect the Admin API");
        }
        return new GatewayConfig(
                get.apply(ConfigKey.PROXY_HOST).orElseThrow(),
                port(ConfigKey.PROXY_PORT, get.apply(ConfigKey.PROXY_PORT).orElseThrow()),
                port(ConfigKey.PROXY_TLS_PORT, get.apply(ConfigKey.PROXY_TLS_PORT).orElseThrow()),
                cert, key,
                size(ConfigKey.PROXY_MAX_BODY_SIZE, get.apply(ConfigKey.PROXY_MAX_BODY_SIZE).orElseThrow()),
                adminHost,
                port(ConfigKey.ADMIN_PORT, get.apply(ConfigKey.ADMIN_PORT).orElseThrow()),
                token, db, dataDir,
                workDir.resolve(get.apply(ConfigKey.PLUGINS_DIR).orElseThrow()).normalize(),
                duration(ConfigKey.CONFIG_POLL_INTERVAL, get.apply(ConfigKey.CONFIG_POLL_INTERVAL).orElseThrow()),
                origins(get.apply(ConfigKey.ADMIN_ALLOWED_ORIGINS).orElse("")),
                list(get.apply(ConfigKey.ADMIN_ALLOWED_HOSTS).orElse("")),
                duration(ConfigKey.PROXY_CLIENT_BODY_TIMEOUT, get.apply(ConfigKey.PROXY_CLIENT_BODY_TIMEOUT).orElseThrow()),
                bool(ConfigKey.PLUGINS_WARM_UP, get.apply(ConfigKey.PLUGINS_WARM_UP).orElseThrow()),
                maxConnections(get.apply(ConfigKey.PROXY_MAX_CONNECTIONS).orElseThrow()),
                get.apply(ConfigKey.STATUS_HOST).orElseThrow(),
                statusPort(get.apply(ConfigKey.STATUS_PORT).orElseThrow()),
                metricsPrefix(get.apply(ConfigKey.METRICS_PREFIX).orElseThrow()),
                intIn(ConfigKey.REQUEST_LOG_SIZE, get.apply(ConfigKey.REQUEST_LOG_SIZE).orElseThrow(), 0, 1_000_000),
                intIn(ConfigKey.REQUEST_LOG_BODY_SIZE, get.apply(ConfigKey.REQUEST_LOG_BODY_SIZE).orElseThrow(), 0, 1024 * 1024),
                get.apply(ConfigKey.REQUEST_LOG_REDIS).filter(v -> !v.isBlank()).map(ConfigLoader::hostPort),
                ui(get, workDir, token.isPresent()),
                jvmHeap(values.get(ConfigKey.JVM_HEAP)));
    }

    private static GatewayConfig.UiListener ui(java.util.function.Function<ConfigKey, Optional<String>> get, Path workDir, boolean token) {
        String host = get.apply(ConfigKey.UI_HOST).orElseThrow();
        String portValue = get.apply(ConfigKey.UI_PORT).orElseThrow();
        int port = portValue.strip().equalsIgnoreCase("off") ? GatewayConfig.OFF : port(ConfigKey.UI_PORT, portValue);
        Optional<Path> cert = get.apply(ConfigKey.UI_TLS_CERTIFICATE).map(workDir::resolve);
        Optional<Path> key = get.apply(ConfigKey.UI_TLS_KEY).map(workDir::resolve);
        checkTlsPair("ui.tls", cert, key);
        if (port != GatewayConfig.OFF && !token && !isLoopback(host)) {
            throw new ConfigException("ui.host: " + host + " is reachable beyond this machine and the UI serves the Admin API; "
                    + "set admin.token (TOLLGATE_ADMIN_TOKEN), or ui.port=off");
        }
        return new GatewayConfig.UiListener(host, port, cert, key);
    }

    /** The heap limit asked for, when set; the launcher applies it ({@code -Xmx}), the gateway checks it took. */
    private static OptionalLong jvmHeap(String value) {
        if (value == null || value.isBlank()) {
            return OptionalLong.empty();
        }
        long bytes = size(ConfigKey.JVM_HEAP, value);
        if (bytes < MIN_HEAP) {
            throw new ConfigException(ConfigKey.JVM_HEAP.key() + ": '" + value + "' (expected: at least 64MiB)");
        }
        return OptionalLong.of(bytes);
    }

    /** A listener's certificate and key: both or neither, each a readable file. */
    private static void checkTlsPair(String prefix, Optional<Path> cert, Optional<Path> key) {
        if (cert.isPresent() != key.isPresent()) {
            throw new ConfigException(prefix + ".certificate and " + prefix + ".key: set both or neither");
        }
        for (Path p : List.of(cert, key).stream().flatMap(Optional::stream).toList()) {
            if (!Files.isReadable(p)) {
                throw new ConfigException(prefix + ": " + p + " (expected: a readable PEM file)");
            }
        }
    }

    static int intIn(ConfigKey key, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(key.key() + ": '" + value + "' (expected: an integer " + min + ".." + max + ")");
    }

    static String hostPort(String value) {
        String v = value.strip();
        if (v.startsWith("redis://")) {
            v = v.substring("redis://".length());
        }
        int colon = v.lastIndexOf(':');
        try {
            int port = colon < 0 ? 6379 : Integer.parseInt(v.substring(colon + 1));
            String host = colon < 0 ? v : v.substring(0, colon);
            if (!host.isEmpty() && port > 0 && port < 65536 && !host.contains("/")) {
                return host + ":" + port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(ConfigKey.REQUEST_LOG_REDIS.key() + ": '" + value + "' (expected: host:port, e.g. 127.0.0.1:6379)");
    }

    static String metricsPrefix(String value) {
        String v = value.strip();
        if (!v.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
            throw new ConfigException(ConfigKey.METRICS_PREFIX.key() + ": '" + value
                    + "' (expected: letters, digits and '_', not starting with a digit; 'tollgate' or 'kong')");
        }
        return v;
    }

    static int statusPort(String value) {
        return value.strip().equalsIgnoreCase("off") ? GatewayConfig.OFF : port(ConfigKey.STATUS_PORT, value);
    }

    static int maxConnections(String value) {
        if (value.strip().equalsIgnoreCase("auto")) {
            return GatewayConfig.AUTO;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new ConfigException(ConfigKey.PROXY_MAX_CONNECTIONS.key() + ": '" + value + "' (expected: auto or a number >= 1)");
    }

    static boolean bool(ConfigKey key, String value) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigException(key.key() + ": '" + value + "' (expected: true or false)");
        };
    }

    /** A comma-separated list, items trimmed, empty items dropped. */
    static List<String> list(String value) {
        return java.util.Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    static List<String> origins(String value) {
        List<String> origins = list(value);
        for (String o : origins) {
            if (!o.matches("(?i)https?://[^/\\s]+/?")) {
                throw new ConfigException(ConfigKey.ADMIN_ALLOWED_ORIGINS.key() + ": '" + o
                        + "' (expected: an origin such as https://admin.example.com or http://localhost:3000)");
            }
        }
        return origins;
    }

    static boolean isLoopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static int port(ConfigKey key, String value) {
        try {
            int p = Integer.parseInt(value.trim());
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(key.key() + ": '" + value + "' (expected: a port 0..65535)");
    }

    static long size(ConfigKey key, String value) {
        Matcher m = SIZE.matcher(value.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ConfigException(key.key() + ": '" + value + "' (expected: a size such as 10MiB, 512KiB or 1048576)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        long factor = switch (unit.charAt(0)) {
            case 'K' -> 1024L;
            case 'M' -> 1024L * 1024;
            case 'G' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        if (n <= 0) {
            throw new ConfigException(key.key() + ": '" + value + "' (expected: > 0)");
        }
        return Math.multiplyExact(n, factor);
    }

    static Duration duration(ConfigKey key, String value) {
        Matcher m = DURATION.matcher(value.trim());
        if (!m.matches() || Long.parseLong(m.group(1)) <= 0) {
            throw new ConfigException(key.key() + ": '" + value + "' (expected: a positive duration such as 500ms, 1s, 5m)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "ms" : m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofMillis(n);
        };
    }
}
