package dev.tollgate.plugins.acl;

import static java.util.Objects.requireNonNull;

import java.util.List;

import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * A validated {@code acl} configuration, with Kong's field names. The constructor holds the
 * rule over {@code allow} and {@code deny}, so the schema and direct construction refuse the
 * same things with the same words.
 *
 * @param mode             whether {@code groups} are the ones let in or the ones kept out
 * @param groups           the configured group names; never empty
 * @param hideGroupsHeader leave {@code X-Consumer-Groups} out of the upstream request
 */
public record AclConfig(Mode mode, List<String> groups, boolean hideGroupsHeader) {

    static final String ONLY_ONE = "only one of these fields must be non-empty: 'config.allow', 'config.deny'";
    static final String AT_LEAST_ONE = "at least one of these fields must be non-empty: 'config.allow', 'config.deny'";

    /** How the configured groups are used. */
    public enum Mode {
        /** Only consumers in one of the groups may pass. */
        ALLOW,
        /** Consumers in one of the groups may not pass. */
        DENY
    }

    static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.strings("allow")
                    .check(v -> ((List<?>) v).stream().noneMatch(g -> ((String) g).isBlank()), "non-blank group names")
                    .description("Groups whose consumers may use the service or route; set this or deny, not both."))
            .field(Field.strings("deny")
                    .check(v -> ((List<?>) v).stream().noneMatch(g -> ((String) g).isBlank()), "non-blank group names")
                    .description("Groups whose consumers may not use the service or route; set this or allow, not both."))
            .field(Field.bool("hide_groups_header").defaultValue(false)
                    .description("Do not send the X-Consumer-Groups header (the consumer's groups) to the upstream."))
            .parsedBy(AclConfig::from)
            .build();

    public AclConfig {
        requireNonNull(mode, "mode");
        groups = List.copyOf(requireNonNull(groups, "groups"));
        if (groups.isEmpty()) {
            throw new IllegalArgumentException(AT_LEAST_ONE);
        }
    }

    /** The configuration a schema-validated {@link PluginConfig} describes. */
    public static AclConfig from(PluginConfig config) {
        List<String> allow = config.strings("allow");
        List<String> deny = config.strings("deny");
        if (!allow.isEmpty() && !deny.isEmpty()) {
            throw new IllegalArgumentException(ONLY_ONE);
        }
        return deny.isEmpty()
                ? new AclConfig(Mode.ALLOW, allow, config.bool("hide_groups_header"))
                : new AclConfig(Mode.DENY, deny, config.bool("hide_groups_header"));
    }

}
