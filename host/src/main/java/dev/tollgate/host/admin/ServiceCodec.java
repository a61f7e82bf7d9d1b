package dev.tollgate.host.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.db.EntityKind;
import dev.tollgate.db.Service;
import dev.tollgate.host.proxy.UpstreamClients;

/** Services: Kong's fields, the {@code url} shorthand, and TLS verification settings. */
final class ServiceCodec implements EntityCodec<Service> {
    static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._~-]{1,128}");
    static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]{1,253}|\\[?[0-9A-Fa-f:.]+]?");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*");
    private static final int MAX_TIMEOUT = 2147483646;

    @Override
    public EntityKind<Service> kind() {
        return EntityKind.SERVICES;
    }

    @Override
    public Set<String> fields() {
        return Set.of("name", "protocol", "host", "port", "path", "retries", "connect_timeout", "write_timeout",
                "read_timeout", "tls_verify", "ca_file", "enabled", "tags", "url");
    }

    @Override
    public ObjectNode expand(ObjectNode input, FieldReader r) {
        if (!input.has("url") || input.get("url").isNull()) {
            input.remove("url");
            return input;
        }
        if (!input.get("url").isTextual()) {
            r.error("url", "expected a string, got " + RequestBodies.kind(input.get("url")));
            input.remove("url");
            return input;
        }
        String url = input.remove("url").asText();
        try {
            URI u = new URI(url);
            if (u.getScheme() == null || u.getHost() == null) {
                r.error("url", "missing " + (u.getScheme() == null ? "scheme" : "host") + " in url '" + url + "' (expected: http(s)://host[:port][/path])");
                return input;
            }
            // Parts a service cannot hold would be dropped silently: refuse them instead.
            if (u.getRawUserInfo() != null) {
                r.error("url", "user information in url '" + FieldReader.abbreviate(url.replace(u.getRawUserInfo(), "…"))
                        + "' is not supported (send credentials with a plugin: request-transformer, or ai-proxy's auth)");
                return input;
            }
            if (u.getRawQuery() != null || u.getRawFragment() != null) {
                r.error("url", "url '" + FieldReader.abbreviate(url) + "' has a " + (u.getRawQuery() != null ? "query" : "fragment")
                        + ", which a service does not keep (expected: http(s)://host[:port][/path])");
                return input;
            }
            String scheme = u.getScheme().toLowerCase(java.util.Locale.ROOT);
            int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? null : u.getRawPath();
            // A field given beside url must say what url says: otherwise one of them would be dropped silently.
            agrees(input, r, "protocol", scheme, true);
            agrees(input, r, "host", u.getHost(), true);
            agrees(input, r, "port", Integer.toString(port), false);
            agrees(input, r, "path", path, false);
            input.put("protocol", scheme);
            input.put("host", u.getHost());
            input.put("port", port);
            if (path == null) {
                input.putNull("path");
            } else {
                input.put("path", path);
            }
        } catch (URISyntaxException e) {
            r.error("url", "invalid url '" + FieldReader.abbreviate(url) + "': " + e.getReason());
        }
        return input;
    }

    private static void agrees(ObjectNode input, FieldReader r, String field, String fromUrl, boolean ignoreCase) {
        var given = input.get(field);
        if (given == null || given.isNull()) {
            return;
        }
        String g = given.isValueNode() ? given.asText() : given.toString();
        boolean same = fromUrl == null ? g.isEmpty() : ignoreCase ? g.equalsIgnoreCase(fromUrl) : g.equals(fromUrl);
        if (!same) {
            r.error(field, "'" + FieldReader.abbreviate(g) + "' conflicts with url, which sets " + field + " "
                    + (fromUrl == null ? "to none" : "'" + fromUrl + "'") + " (give one or the other)");
        }
    }

    @Override
    public Service build(FieldReader r, Meta meta, References refs) {
        String name = r.string("name", NAME, "letters, digits, '.', '-', '_' or '~', at most 128").orElse(null);
        String protocol = r.oneOf("protocol", List.of("http", "https"), "http");
        String host = r.string("host", HOST, "a hostname or an IP address").orElse(null);
        if (host == null && !r.has("host")) {
            r.error("host", "required field missing");
        }
        int port = r.integer("port", 0, 65535, protocol.equals("https") ? 443 : 80);
        String path = r.string("path", PATH, "a path starting with '/'").orElse(null);
        int retries = r.integer("retries", 0, 32767, 5);
        int connect = r.integer("connect_timeout", 1, MAX_TIMEOUT, 60000);
        int write = r.integer("write_timeout", 1, MAX_TIMEOUT, 60000);
        int read = r.integer("read_timeout", 1, MAX_TIMEOUT, 60000);
        boolean tlsVerify = r.bool("tls_verify", true);
        String caFile = r.string("ca_file").orElse(null);
        if (caFile != null) {
            if (!Files.isReadable(Path.of(caFile))) {
                r.error("ca_file", "'" + caFile + "' is not a readable file on this node");
            } else {
                try {
                    UpstreamClients.readCertificates(Path.of(caFile));
                } catch (IllegalArgumentException e) {
                    r.error("ca_file", e.getMessage());
                }
            }
        }
        boolean enabled = r.bool("enabled", true);
        List<String> tags = Tags.read(r);
        return new Service(meta.id(), name, protocol, host, port, path, retries, connect, write, read, tlsVerify,
                caFile, enabled, tags, meta.createdAt(), meta.updatedAt());
    }
}
