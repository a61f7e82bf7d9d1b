package dev.tollgate.host.admin;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.tollgate.db.EntityKind;
import dev.tollgate.db.Upstream;

/** Upstreams: a virtual host name that services point at, balanced over targets. */
final class UpstreamCodec implements EntityCodec<Upstream> {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,253}");

    @Override
    public EntityKind<Upstream> kind() {
        return EntityKind.UPSTREAMS;
    }

    @Override
    public Set<String> fields() {
        return Set.of("name", "algorithm", "slots", "host_header", "tags");
    }

    @Override
    public Upstream build(FieldReader r, Meta meta, References refs) {
        String name = r.string("name", NAME, "a hostname: letters, digits, '.', '-' or '_'").orElse(null);
        if (name == null && !r.has("name")) {
            r.error("name", "required field missing");
        }
        // Only round-robin is implemented so far; refuse the rest rather than pretend.
        String algorithm = r.oneOf("algorithm", List.of("round-robin"), "round-robin");
        int slots = r.integer("slots", 10, 65536, 10000);
        String hostHeader = r.string("host_header", ServiceCodec.HOST, "a hostname").orElse(null);
        return new Upstream(meta.id(), name, algorithm, slots, hostHeader, Tags.read(r), meta.createdAt(), meta.updatedAt());
    }
}
