package dev.tollgate.plugins.responsetransformer;

import static java.util.Objects.requireNonNull;

import java.util.List;

import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * A validated {@code response-transformer} configuration. Kong groups the rules by operation
 * ({@code config.add.headers}); the plugin applies them by part of the response.
 */
record ResponseTransformerConfig(HeaderRules headers, JsonRules json) {

    static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.record("remove", ConfigSchema.builder()
                            .field(Field.strings("json").defaultValue(List.of())
                                    .check(v -> NameValue.validNames((List<?>) v, false), NameValue.NAMES)
                                    .description("Top-level JSON body members to remove."))
                            .field(Field.strings("headers").defaultValue(List.of())
                                    .check(v -> NameValue.validNames((List<?>) v, true), NameValue.HEADER_NAMES)
                                    .description("Response headers to remove."))
                            .build())
                    .description("Response headers and JSON body members to remove."))
            .field(Field.record("rename", ConfigSchema.builder()
                            .field(Field.strings("json").defaultValue(List.of())
                                    .check(v -> NameValue.validRenames((List<?>) v, false), NameValue.RENAMES)
                                    .description("'old:new' pairs of top-level JSON body members to rename."))
                            .field(Field.strings("headers").defaultValue(List.of())
                                    .check(v -> NameValue.validRenames((List<?>) v, true), NameValue.HEADER_RENAMES)
                                    .description("'old:new' pairs of response headers to rename."))
                            .build())
                    .description("Response headers and JSON body members to rename, when present."))
            .field(Field.record("replace", valued("replaced, when present"))
                    .description("'name:value' pairs whose value replaces that of a present header or JSON member."))
            .field(Field.record("add", valued("set, when absent"))
                    .description("'name:value' pairs set on headers and JSON members that are absent."))
            .field(Field.record("append", valued("added (a JSON member becomes an array)"))
                    .description("'name:value' pairs added to headers and JSON members, present or not."))
            .parsedBy(ResponseTransformerConfig::from)
            .build();

    ResponseTransformerConfig {
        requireNonNull(headers, "headers");
        requireNonNull(json, "json");
    }

    /** Maps a configuration the schema's fields have accepted. */
    static ResponseTransformerConfig from(PluginConfig config) {
        PluginConfig remove = config.record("remove");
        PluginConfig rename = config.record("rename");
        PluginConfig replace = config.record("replace");
        PluginConfig add = config.record("add");
        PluginConfig append = config.record("append");
        HeaderRules headers = new HeaderRules(NameValue.names(remove.strings("headers")),
                NameValue.entries(rename.strings("headers")), NameValue.entries(replace.strings("headers")),
                NameValue.entries(add.strings("headers")), NameValue.entries(append.strings("headers")));
        JsonRules json = new JsonRules(NameValue.names(remove.strings("json")), NameValue.entries(rename.strings("json")),
                JsonRules.members("replace", replace.strings("json"), replace.strings("json_types")),
                JsonRules.members("add", add.strings("json"), add.strings("json_types")),
                JsonRules.members("append", append.strings("json"), append.strings("json_types")));
        return new ResponseTransformerConfig(headers, json);
    }

    private static ConfigSchema valued(String what) {
        return ConfigSchema.builder()
                .field(Field.strings("json").defaultValue(List.of())
                        .check(v -> NameValue.validPairs((List<?>) v, false), NameValue.PAIRS)
                        .description("'name:value' pairs: top-level JSON body members " + what + "."))
                .field(Field.strings("json_types").oneOf("boolean", "number", "string").defaultValue(List.of())
                        .description("The type of each json entry's value, in the same order: string (the default), "
                                + "number or boolean."))
                .field(Field.strings("headers").defaultValue(List.of())
                        .check(v -> NameValue.validPairs((List<?>) v, true), NameValue.HEADER_PAIRS)
                        .description("'name:value' pairs: response headers " + what + "."))
                .build();
    }
}
