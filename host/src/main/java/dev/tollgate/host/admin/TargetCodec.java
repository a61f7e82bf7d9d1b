package dev.tollgate.host.admin;

import java.util.Set;

import dev.tollgate.db.EntityKind;
import dev.tollgate.db.Ref;
import dev.tollgate.db.Target;
import dev.tollgate.host.snapshot.TargetAddress;

/** Targets: {@code host:port} with a weight, always under an upstream. */
final class TargetCodec implements EntityCodec<Target> {

    @Override
    public EntityKind<Target> kind() {
        return EntityKind.TARGETS;
    }

    @Override
    public Set<String> fields() {
        return Set.of("target", "weight", "upstream", "tags");
    }

    @Override
    public Target build(FieldReader r, Meta meta, References refs) {
        Ref upstream = refs.resolve(r, "upstream", EntityKind.UPSTREAMS);
        if (upstream == null && !r.has("upstream")) {
            r.error("upstream", "required field missing");
        }
        String target = r.string("target").orElse(null);
        if (target == null && !r.has("target")) {
            r.error("target", "required field missing");
        } else if (target != null) {
            try {
                target = TargetAddress.parse(target).authority();
            } catch (IllegalArgumentException e) {
                r.error("target", e.getMessage().substring("target: ".length()));
            }
        }
        int weight = r.integer("weight", 0, 65535, 100);
        return new Target(meta.id(), upstream, target, weight, Tags.read(r), meta.createdAt(), meta.updatedAt());
    }
}
