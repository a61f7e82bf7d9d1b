package dev.tollgate.host.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import dev.tollgate.host.HeadRequests;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The admin UI's files, read from the class path (the admin-ui jar, and the CodeMirror webjar)
 * once each and kept in memory: {@code /} is the page, {@code /ui/...} its scripts and styles,
 * {@code /webjars/...} the browser libraries, {@code /types/...} the JavaScript SDK's typings. Every answer carries an ETag and is revalidated,
 * so a new gateway version is picked up on the next page load.
 */
public final class UiAssets {
    private static final String UI_ROOT = "dev/tollgate/ui/";
    private static final String WEBJARS_ROOT = "META-INF/resources/webjars/";
    /** The JavaScript SDK's type definitions (script-plugins), for the editor's completion. */
    private static final String TYPES_ROOT = "tollgate-types/";
    /** Paths a browser may ask for: no {@code ..}, no hidden files, nothing but these characters. */
    private static final Pattern SAFE = Pattern.compile("(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ts", "text/plain; charset=utf-8",
            "json", "application/json; charset=utf-8",
            "ico", "image/x-icon");

    private record Asset(byte[] bytes, String type, String etag) {}

    private final ClassLoader loader;
    private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

    public UiAssets(ClassLoader loader) {
        this.loader = loader;
    }

    /** True when the UI's files are on the class path (the admin-ui jar is there). */
    public boolean present() {
        return load(UI_ROOT + "index.html").isPresent();
    }

    public void register(HttpRules r) {
        for (Method m : new Method[] {Method.GET, Method.HEAD}) {
            r.route(m, "/", (req, res) -> serve(req, res, UI_ROOT + "index.html"));
            r.route(m, "/index.html", (req, res) -> serve(req, res, UI_ROOT + "index.html"));
            r.route(m, "/ui/*", (req, res) -> serve(req, res, under(req, "/ui/", UI_ROOT)));
            r.route(m, "/webjars/*", (req, res) -> serve(req, res, under(req, "/webjars/", WEBJARS_ROOT)));
            r.route(m, "/types/*", (req, res) -> serve(req, res, under(req, "/types/", TYPES_ROOT)));
        }
        r.any((req, res) -> {
            res.status(Status.NOT_FOUND_404);
            res.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8"));
            HeadRequests.send(res, "Not found\n".getBytes(StandardCharsets.UTF_8));
        });
    }

    private static String under(ServerRequest req, String prefix, String root) {
        String path = req.path().path();
        String rest = path.length() > prefix.length() ? path.substring(prefix.length()) : "";
        return SAFE.matcher(rest).matches() ? root + rest : null;
    }

    private void serve(ServerRequest req, ServerResponse res, String resource) {
        // Only files that exist are kept: a client asking for made-up paths must not fill the cache.
        Optional<Asset> found = resource == null ? Optional.empty() : cache.get(resource);
        if (found == null) {
            found = load(resource);
            found.ifPresent(a -> cache.putIfAbsent(resource, Optional.of(a)));
        }
        if (found.isEmpty()) {
            res.status(Status.NOT_FOUND_404);
            res.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8"));
            HeadRequests.send(res, "Not found\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Asset a = found.get();
        res.header(HeaderValues.create(HeaderNames.ETAG, a.etag()));
        res.header(HeaderValues.create(HeaderNames.CACHE_CONTROL, "no-cache"));
        if (req.headers().first(HeaderNames.IF_NONE_MATCH).filter(a.etag()::equals).isPresent()) {
            res.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        res.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, a.type()));
        HeadRequests.send(res, a.bytes());
    }

    private Optional<Asset> load(String resource) {
        String ext = resource.substring(resource.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String type = TYPES.get(ext);
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            return Optional.of(new Asset(bytes, type, "\"" + digest(bytes) + "\""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
