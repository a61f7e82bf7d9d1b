package dev.tollgate.host.admin;

import java.util.Set;
import java.util.regex.Pattern;

import dev.tollgate.db.Consumer;
import dev.tollgate.db.EntityKind;

/** Consumers: identified by a username, a custom id, or both. */
final class ConsumerCodec implements EntityCodec<Consumer> {
    private static final Pattern TEXT = Pattern.compile("[^\\p{Cntrl}]{1,256}");

    @Override
    public EntityKind<Consumer> kind() {
        return EntityKind.CONSUMERS;
    }

    @Override
    public Set<String> fields() {
        return Set.of("username", "custom_id", "tags");
    }

    @Override
    public Consumer build(FieldReader r, Meta meta, References refs) {
        String username = r.string("username", TEXT, "1..256 printable characters").orElse(null);
        String customId = r.string("custom_id", TEXT, "1..256 printable characters").orElse(null);
        if (username == null && customId == null && !r.has("username") && !r.has("custom_id")) {
            r.error("@entity", "at least one of these fields must be non-empty: 'custom_id', 'username'");
        }
        return new Consumer(meta.id(), username, customId, Tags.read(r), meta.createdAt(), meta.updatedAt());
    }
}
