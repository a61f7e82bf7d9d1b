package dev.tollgate.plugins.acl;

import java.util.Set;
import java.util.regex.Pattern;

import dev.tollgate.sdk.CredentialType;
import dev.tollgate.sdk.CredentialType.KeyScope;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;

/**
 * The {@code acls} credential kind (Kong's {@code /consumers/{consumer}/acls}): one group a
 * consumer belongs to. It authenticates nobody; many consumers share a group name.
 */
final class AclCredentials {
    static final String KIND = "acls";
    static final String GROUP = "group";

    // Group names are sent upstream in a header, so they must be printable and on one line.
    private static final Pattern GROUP_NAME = Pattern.compile("[^\\p{Cntrl}]*\\S[^\\p{Cntrl}]*");

    static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.string(GROUP).required()
                    .check(v -> GROUP_NAME.matcher((String) v).matches(), "a non-blank group name without control characters")
                    .description("The name of a group the consumer belongs to, as acl's allow and deny name it."))
            .field(Field.strings("tags").description("Free-form tags to group and filter credentials."))
            .build();

    static final CredentialType TYPE = new CredentialType(KIND, GROUP, SCHEMA, null, Set.of(), null, KeyScope.PER_CONSUMER);

    private AclCredentials() {
    }
}
