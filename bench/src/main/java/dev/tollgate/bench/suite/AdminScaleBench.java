package dev.tollgate.bench.suite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * {@code ./tollgate bench admin}: the Admin API calls behind the admin UI's Overview, Usage and
 * list pages, timed against a PostgreSQL database seeded with a large gateway's history:
 * {@code --usage} usage records (1,000,000) over 30 days, {@code --routes} routes (10,000), and
 * 30 days of traffic sums from two nodes. The gateway runs as its own process, as in production;
 * the rows are written with SQL (generate_series), the routes' documents copied from one made
 * through the Admin API. Each call is made twice to warm up, then {@code --rounds} times; the
 * report gives the median and the slowest. The UI's target is a page in under a second, so the
 * call behind it must take well under that.
 */
public final class AdminScaleBench {
    private static final String[] CALLS = {
        "/overview?range=1h", "/overview?range=24h", "/overview?range=7d", "/overview?range=30d",
        "/usage?group_by=model&from=%30d", "/usage?group_by=consumer&from=%30d&size=500", "/usage?group_by=route&from=%30d&size=500",
        "/usage?group_by=day&from=%30d", "/usage?group_by=hour&from=%7d", "/usage?size=100", "/usage?format=csv&group_by=consumer&from=%30d",
        "/routes?size=50", "/routes?search=route-9999&size=50", "/services?size=50", "/plugins?name=ai-proxy",
    };

    private record Options(int usage, int routes, int rounds, String pgUrl, String pgUser, String pgPassword, boolean keep, Path out) {}

    public static void main(String[] args) throws Exception {
        Options o = options(args);
        Path root = Path.of(System.getProperty("tollgate.root", ".")).toAbsolutePath().normalize();
        Path report = run(root, o);
        System.out.println("\nreport: " + report);
    }

    static Path run(Path root, Options o) throws Exception {
        String schema = "bench_admin_" + System.currentTimeMillis();
        String url = o.pgUrl() + (o.pgUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        Path work = Files.createTempDirectory("tollgate-bench-admin");
        try (Connection db = DriverManager.getConnection(o.pgUrl(), o.pgUser(), o.pgPassword())) {
            db.createStatement().execute("CREATE SCHEMA " + schema);
        }
        int adminPort = Launched.freePort();
        Launched gateway = null;
        try {
            Path jar = root.resolve("host/target/tollgate-host.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IOException(jar + " is missing: build first (./tollgate build)");
            }
            List<String> cmd = Stack.java(List.of("-Xmx1g"), jar, "dev.tollgate.host.TollgateMain",
                    "--proxy.host=127.0.0.1", "--proxy.port=" + Launched.freePort(), "--admin.port=" + adminPort,
                    "--status.port=off", "--ui.port=off", "--plugins-warm-up=false", "--data-dir=" + work.resolve("data"),
                    "--plugins-dir=" + Files.createDirectories(work.resolve("plugins")), "--database.type=postgres",
                    "--database.url=" + url, "--database.user=" + o.pgUser());
            if (o.pgPassword() != null) {
                cmd = new ArrayList<>(cmd);
                cmd.add("--database.password=" + o.pgPassword());
            }
            gateway = Launched.start("gateway", cmd, work, work.resolve("gateway.log"));
            gateway.awaitPort(adminPort, Duration.ofSeconds(120));
            Admin admin = new Admin(adminPort);
            admin.call("POST", "/services", "{\"name\":\"bench-svc\",\"url\":\"http://127.0.0.1:9/v1/chat/completions\"}");
            admin.call("POST", "/services/bench-svc/routes", "{\"name\":\"route-template\",\"paths\":[\"/template\"]}");

            long version = admin.json("/status").path("configuration").path("version").asLong();
            Map<String, Double> seeded = new LinkedHashMap<>();
            try (Connection db = DriverManager.getConnection(url, o.pgUser(), o.pgPassword())) {
                seed(db, o, seeded);
            }
            awaitVersion(admin, version);

            // the editor's test-run, in the gateway as the launcher runs it (its class path, not a test's)
            admin.call("POST", "/script-plugins/test-run", "{\"source\":\"export const name = \\\"probe\\\";\\n"
                    + "export function access(ctx) { ctx.log.info(\\\"ran\\\"); }\"}");
            Map<String, long[]> times = new LinkedHashMap<>();
            long now = System.currentTimeMillis();
            for (String template : CALLS) {
                String path = template.replace("%30d", Instant.ofEpochMilli(now - 30L * 86_400_000).toString())
                        .replace("%7d", Instant.ofEpochMilli(now - 7L * 86_400_000).toString());
                admin.timed(path);
                admin.timed(path);
                long[] t = new long[o.rounds()];
                for (int i = 0; i < t.length; i++) {
                    t[i] = admin.timed(path);
                }
                Arrays.sort(t);
                times.put(template, t);
                System.out.printf(Locale.ROOT, "%-60s median %7.1f ms  slowest %7.1f ms%n", template, t[t.length / 2] / 1e6, t[t.length - 1] / 1e6);
            }
            return write(root, o, seeded, times);
        } finally {
            if (gateway != null) {
                gateway.close();
            }
            if (!o.keep()) {
                try (Connection db = DriverManager.getConnection(o.pgUrl(), o.pgUser(), o.pgPassword())) {
                    db.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }

    /** Routes, usage records and traffic sums, written by the database itself where it can. */
    private static void seed(Connection db, Options o, Map<String, Double> seconds) throws SQLException {
        long now = System.currentTimeMillis();
        long span = 30L * 86_400_000;
        try (Statement s = db.createStatement()) {
            long t = System.nanoTime();
            s.execute("INSERT INTO routes (id, name, service_id, tags, doc, created_at, updated_at) "
                    + "SELECT md5('r' || i)::uuid::text, 'route-' || i, service_id, tags, "
                    + "replace(replace(replace(doc, id, md5('r' || i)::uuid::text), '\"route-template\"', '\"route-' || i || '\"'), "
                    + "'/template', '/r' || i), created_at, updated_at "
                    + "FROM routes, generate_series(1, " + o.routes() + ") i WHERE name = 'route-template'");
            seconds.put("routes", (System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            s.execute("INSERT INTO usage_records (id, recorded_at, request_id, consumer_id, consumer_name, route_id, service_id, provider, "
                    + "requested_model, model, route_type, prompt_tokens, completion_tokens, total_tokens, cached_prompt_tokens, tokens_counted, "
                    + "cost, currency, latency_ms, time_to_first_token_ms, time_per_output_token_ms, status, cache_status, reasoning_tokens) "
                    + "SELECT 'bench-' || i, " + now + " - (i::bigint * " + span + " / " + o.usage() + "), NULL, "
                    + "md5('c' || (i % 2000))::uuid::text, 'app-' || (i % 2000), md5('r' || (1 + i % " + o.routes() + "))::uuid::text, "
                    + "(SELECT id FROM services WHERE name = 'bench-svc'), "
                    + "(ARRAY['openai','anthropic','mistral','gemini'])[1 + i % 4], 'gpt-4o', "
                    + "(ARRAY['gpt-4o','gpt-4o-mini','claude-sonnet-4-5','claude-haiku-4-5','mistral-large-latest','gemini-2.5-flash','gpt-4.1','o3'])[1 + i % 8], "
                    + "'llm/v1/chat', 100 + i % 900, 20 + i % 400, 120 + i % 900 + i % 400, (i % 5) * 10, false, "
                    + "CASE WHEN i % 97 = 0 THEN NULL ELSE (100 + i % 900) * 2.5e-6 + (20 + i % 400) * 1e-5 END, 'USD', "
                    + "150 + i % 2000, 80 + i % 300, 11.5, CASE WHEN i % 53 = 0 THEN 502 ELSE 200 END, NULL, i % 3 "
                    + "FROM generate_series(1, " + o.usage() + ") i");
            seconds.put("usage records", (System.nanoTime() - t) / 1e9);
            s.execute("UPDATE config_version SET version = version + 1 WHERE id = 1");
            s.execute("ANALYZE");
        }
        long t = System.nanoTime();
        traffic(db, o, now);
        seconds.put("traffic sums", (System.nanoTime() - t) / 1e9);
    }

    /** Two nodes' sums: 30 days of hours and 48 hours of minutes, each slot with a total row and its 20 busiest routes. */
    private static void traffic(Connection db, Options o, long now) throws SQLException {
        Histogram h = new Histogram(3_600_000_000L, 2);
        for (int i = 1; i <= 400; i++) {
            h.recordValue(800L + i * 37L);
        }
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(buf);
        String hist = Base64.getEncoder().encodeToString(Arrays.copyOf(buf.array(), n));
        db.setAutoCommit(false);
        for (String table : List.of("traffic_hours", "traffic_minutes")) {
            boolean hours = table.equals("traffic_hours");
            long slots = hours ? 30 * 24 : 48 * 60;
            long last = hours ? now / 3_600_000 : now / 60_000;
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO " + table + " (node_id, " + (hours ? "at_hour" : "at_minute")
                    + ", route_id, requests, client_errors, server_errors, latency_ms_sum, histogram) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                int batched = 0;
                for (String node : List.of("node-a", "node-b")) {
                    for (long slot = last - slots + 1; slot <= last; slot++) {
                        long requests = hours ? 18_000 : 300;
                        add(ps, node, slot, "*", requests, requests / 40, requests / 100, requests * 12.5, hist);
                        for (int r = 1; r <= 20; r++) {
                            String route = md5Uuid("r" + (1 + (slot * 7 + r) % o.routes()));
                            add(ps, node, slot, route, requests / (r + 1), 0, r % 3, requests / (r + 1) * 12.5, null);
                        }
                        batched += 21;
                        if (batched >= 5000) {
                            ps.executeBatch();
                            batched = 0;
                        }
                    }
                }
                ps.executeBatch();
            }
            db.commit();
        }
        db.setAutoCommit(true);
    }

    /** PostgreSQL's {@code md5(text)::uuid}: the ids the seeded routes got. */
    static String md5Uuid(String text) {
        try {
            String hex = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20)
                    + "-" + hex.substring(20);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(PreparedStatement ps, String node, long slot, String route, long requests, long client, long server,
                            double latency, String hist) throws SQLException {
        ps.setString(1, node);
        ps.setLong(2, slot);
        ps.setString(3, route);
        ps.setLong(4, requests);
        ps.setLong(5, client);
        ps.setLong(6, server);
        ps.setDouble(7, latency);
        ps.setString(8, hist);
        ps.addBatch();
    }

    private static void awaitVersion(Admin admin, long before) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (admin.json("/status").path("configuration").path("version").asLong() <= before) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the gateway did not load the seeded routes within 60 s");
            }
            Thread.sleep(200);
        }
    }

    private static Path write(Path root, Options o, Map<String, Double> seeded, Map<String, long[]> times) throws IOException {
        StringBuilder md = new StringBuilder("# Admin API at scale (`./tollgate bench admin`)\n\n");
        md.append(String.format(Locale.ROOT, "- %s; command: `./tollgate bench admin --usage %d --routes %d --rounds %d`%n",
                Instant.now(), o.usage(), o.routes(), o.rounds()));
        md.append(String.format(Locale.ROOT, "- PostgreSQL (%s), a fresh schema: %,d usage records over 30 days, %,d routes, "
                + "30 days of hourly and 48 hours of per-minute traffic sums from 2 nodes%n", o.pgUrl(), o.usage(), o.routes()));
        md.append(String.format(Locale.ROOT, "- CPU: %d cores; seeding took %s%n%n", Runtime.getRuntime().availableProcessors(),
                seeded.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue())).toList()));
        md.append("| call (behind the UI page) | median ms | slowest ms |\n| --- | ---: | ---: |\n");
        times.forEach((call, t) -> md.append(String.format(Locale.ROOT, "| `%s` | %.1f | %.1f |%n", call.replace("%30d", "<30 days ago>")
                .replace("%7d", "<7 days ago>"), t[t.length / 2] / 1e6, t[t.length - 1] / 1e6)));
        Path out = o.out() != null ? o.out() : root.resolve("bench/results");
        Files.createDirectories(out);
        Path file = out.resolve(Instant.now().toString().replace(":", "").substring(0, 17) + "-admin-scale.md");
        Files.writeString(file, md);
        System.out.print("\n" + md);
        return file;
    }

    private static Options options(String[] args) {
        int usage = 1_000_000;
        int routes = 10_000;
        int rounds = 5;
        String url = System.getenv().getOrDefault("TOLLGATE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = System.getenv().getOrDefault("TOLLGATE_TEST_PG_USER", "postgres");
        String password = System.getenv("TOLLGATE_TEST_PG_PASSWORD");
        boolean keep = false;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--usage" -> usage = Integer.parseInt(args[++i]);
                case "--routes" -> routes = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--pg-url" -> url = args[++i];
                case "--pg-user" -> user = args[++i];
                case "--keep" -> keep = true;
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (expected: --usage N --routes N --rounds N --pg-url URL --pg-user U --keep --out DIR)");
            }
        }
        if (usage < 1 || routes < 1 || rounds < 1) {
            throw new IllegalArgumentException("--usage, --routes and --rounds must be at least 1");
        }
        return new Options(usage, routes, rounds, url, user, password, keep, out);
    }

    /** Test entry: a small run into {@code out}. */
    static Path smoke(Path root, Path out) throws Exception {
        return run(root, new Options(20_000, 200, 1, System.getenv().getOrDefault("TOLLGATE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
                System.getenv().getOrDefault("TOLLGATE_TEST_PG_USER", "postgres"), System.getenv("TOLLGATE_TEST_PG_PASSWORD"), false, out));
    }

    /** The Admin API of the gateway under test. */
    private static final class Admin {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final int port;

        Admin(int port) {
            this.port = port;
        }

        String call(String method, String path, String json) throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofMinutes(2));
            b = json == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                    : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
            HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() / 100 != 2) {
                throw new IOException(method + " " + path + " answered " + res.statusCode() + ": " + res.body());
            }
            return res.body();
        }

        com.fasterxml.jackson.databind.JsonNode json(String path) throws IOException, InterruptedException {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(call("GET", path, null));
        }

        /** Nanoseconds for the whole answer, body read. */
        long timed(String path) throws IOException, InterruptedException {
            long t = System.nanoTime();
            call("GET", path, null);
            return System.nanoTime() - t;
        }
    }
}
