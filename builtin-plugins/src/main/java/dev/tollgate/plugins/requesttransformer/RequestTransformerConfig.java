package dev.tollgate.plugins.requesttransformer;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * A validated {@code request-transformer} configuration. Kong groups the rules by operation
 * ({@code config.add.headers}); the plugin applies them by part of the request, so this record
 * groups them by part.
 *
 * @param replaceUri the path sent upstream instead of the request's
 */
record RequestTransformerConfig(Rules headers, Rules querystring, Rules body, Optional<String> replaceUri,
                                Optional<String> httpMethod) {

    static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.string("http_method").check(v -> ((String) v).matches("[A-Z]{1,32}"), "an upper-case HTTP method")
                    .description("Method sent upstream instead of the client's (e.g. POST)."))
            .field(Field.record("remove", parts(Kind.REMOVE).build())
                    .description("Names of headers, query parameters and body fields to remove."))
            .field(Field.record("rename", parts(Kind.RENAME).build())
                    .description("'old:new' pairs: headers, query parameters and body fields to rename when present."))
            .field(Field.record("replace", withUri(parts(Kind.REPLACE)))
                    .description("'name:value' pairs whose value replaces that of a present header, query parameter "
                            + "or body field; and the path sent upstream."))
            .field(Field.record("add", parts(Kind.ADD).build())
                    .description("'name:value' pairs set on headers, query parameters and body fields that are absent."))
            .field(Field.record("append", parts(Kind.APPEND).build())
                    .description("'name:value' pairs added to headers, query parameters and body fields, present or not "
                            + "(a body field becomes an array)."))
            .build();

    private enum Kind { REMOVE, RENAME, REPLACE, ADD, APPEND }

    RequestTransformerConfig {
        requireNonNull(headers, "headers");
        requireNonNull(querystring, "querystring");
        requireNonNull(body, "body");
        requireNonNull(replaceUri, "replaceUri");
        requireNonNull(httpMethod, "httpMethod");
        replaceUri.filter(u -> !u.startsWith("/")).ifPresent(u -> {
            throw new IllegalArgumentException("config.replace.uri: '" + u + "' (expected: a path starting with '/')");
        });
    }

    /** Maps a configuration the schema has accepted. */
    static RequestTransformerConfig from(PluginConfig config) {
        PluginConfig remove = config.record("remove");
        PluginConfig rename = config.record("rename");
        PluginConfig replace = config.record("replace");
        PluginConfig add = config.record("add");
        PluginConfig append = config.record("append");
        return new RequestTransformerConfig(
                part("headers", remove, rename, replace, add, append),
                part("querystring", remove, rename, replace, add, append),
                part("body", remove, rename, replace, add, append),
                replace.string("uri"),
                config.string("http_method"));
    }

    private static Rules part(String part, PluginConfig remove, PluginConfig rename, PluginConfig replace,
                              PluginConfig add, PluginConfig append) {
        return Rules.of(remove.strings(part), rename.strings(part), replace.strings(part), add.strings(part),
                append.strings(part));
    }

    private static ConfigSchema.Builder parts(Kind kind) {
        return ConfigSchema.builder()
                .field(part(kind, "body", false, "body fields (form or JSON bodies)"))
                .field(part(kind, "headers", true, "request headers"))
                .field(part(kind, "querystring", false, "query parameters"));
    }

    private static Field.Builder part(Kind kind, String name, boolean headers, String what) {
        Field.Builder field = Field.strings(name).defaultValue(List.of());
        return switch (kind) {
            case REMOVE -> field.check(v -> Rules.validNames((List<?>) v, headers), headers ? Rules.HEADER_NAMES : Rules.NAMES)
                    .description("Names of the " + what + " to remove.");
            case RENAME -> field.check(v -> Rules.validRenames((List<?>) v, headers), headers ? Rules.HEADER_RENAMES : Rules.RENAMES)
                    .description("'old:new' pairs of " + what + " to rename.");
            case REPLACE -> field.check(v -> Rules.validPairs((List<?>) v, headers), headers ? Rules.HEADER_PAIRS : Rules.PAIRS)
                    .description("'name:value' pairs: " + what + " whose value is replaced, when present.");
            case ADD -> field.check(v -> Rules.validPairs((List<?>) v, headers), headers ? Rules.HEADER_PAIRS : Rules.PAIRS)
                    .description("'name:value' pairs: " + what + " set when absent.");
            case APPEND -> field.check(v -> Rules.validPairs((List<?>) v, headers), headers ? Rules.HEADER_PAIRS : Rules.PAIRS)
                    .description("'name:value' pairs: values added to " + what + ".");
        };
    }

    private static ConfigSchema withUri(ConfigSchema.Builder replace) {
        return replace.field(Field.string("uri").check(v -> ((String) v).startsWith("/"), "a path starting with '/'")
                        .description("The path sent upstream instead of the request's (percent-encoded; templates "
                                + "are not supported)."))
                .build();
    }
}
