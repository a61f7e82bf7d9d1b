package dev.tollgate.plugins.filelog;

import static java.util.Objects.requireNonNull;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * A validated {@code file-log} configuration, with Kong's field names.
 *
 * @param path         the file every entry is appended to
 * @param reopen       open and close the file for each entry, so a rotated file is followed
 * @param customFields top-level fields added to every entry
 */
record FileLogConfig(Path path, boolean reopen, Map<String, String> customFields) {

    // Kong's rule for a file name: no '*', '&', '%', '\' or '`'.
    private static final Pattern FILE_NAME = Pattern.compile("[^*&%\\\\`]+");

    static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.string("path").required()
                    .check(v -> isPath((String) v), "a file path without *, &, %, \\ or `")
                    .description("The file the entries are appended to, one JSON object per line. Created when "
                            + "missing (its directory must exist); the gateway must be allowed to write it."))
            .field(Field.bool("reopen").defaultValue(Boolean.FALSE)
                    .description("Open and close the file for every entry, so that log rotation (moving the "
                            + "file away) is followed; false keeps the file open."))
            .field(Field.stringMap("custom_fields")
                    .description("Fields added at the top level of every entry, replacing entry fields of the "
                            + "same name (Kong's custom_fields_by_lua, with plain string values)."))
            .build();

    FileLogConfig {
        requireNonNull(path, "path");
        customFields = customFields == null ? Map.of() : Map.copyOf(customFields);
    }

    static FileLogConfig from(PluginConfig config) {
        return new FileLogConfig(Path.of(config.string("path").orElseThrow()), config.bool("reopen"),
                config.stringMap("custom_fields"));
    }

    private static boolean isPath(String value) {
        if (value.isBlank() || !FILE_NAME.matcher(value).matches()) {
            return false;
        }
        try {
            Path.of(value);
            return true;
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
