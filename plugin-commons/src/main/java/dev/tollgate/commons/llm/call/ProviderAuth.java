package dev.tollgate.commons.llm.call;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.provider.Provider;
import dev.tollgate.commons.llm.provider.ProviderRequest;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * A target's provider credential: a header (the provider's own when no name is given) and/or a
 * query or body parameter. Values may be {@code {vault://env/NAME}} references, resolved from the
 * environment when the plugin is built, so the stored configuration never holds the key.
 */
public record ProviderAuth(Optional<String> headerName, Optional<String> headerValue, Optional<String> paramName,
                    Optional<String> paramValue, boolean paramInBody) {

    public static final ProviderAuth NONE = new ProviderAuth(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), false);
    private static final Pattern VAULT = Pattern.compile("\\{vault://env/([A-Za-z_][A-Za-z0-9_]*)}");

    /** Reads {@code auth}; a vault reference whose variable is unset fails naming the variable. */
    public static ProviderAuth from(PluginConfig auth, String field, Function<String, String> env) {
        return new ProviderAuth(auth.string("header_name"),
                auth.string("header_value").map(v -> resolve(v, field + ".header_value", env)),
                auth.string("param_name"),
                auth.string("param_value").map(v -> resolve(v, field + ".param_value", env)),
                "body".equals(auth.string("param_location").orElse("query")));
    }

    /** A syntax problem in a vault reference, for the schema's rule. */
    public static Optional<String> referenceProblem(String field, Optional<String> value) {
        if (value.isPresent() && value.get().startsWith("{vault://") && !VAULT.matcher(value.get()).matches()) {
            return Optional.of("config." + field + ": expected {vault://env/NAME} with NAME an environment variable");
        }
        return Optional.empty();
    }

    public static String resolve(String value, String field, Function<String, String> env) {
        Matcher m = VAULT.matcher(value);
        if (!m.matches()) {
            return value;
        }
        String resolved = env.apply(m.group(1));
        if (resolved == null || resolved.isEmpty()) {
            throw new IllegalArgumentException("config." + field + ": environment variable " + m.group(1)
                    + " (referenced as " + value + ") is not set");
        }
        return resolved;
    }

    /** The request with the credential added. */
    public ProviderRequest apply(ProviderRequest request, Provider provider) {
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        if (headerValue.isPresent()) {
            if (headerName.isPresent()) {
                headers.put(headerName.get(), headerValue.get());
            } else {
                Map.Entry<String, String> h = provider.authHeader(headerValue.get());
                headers.put(h.getKey(), h.getValue());
            }
        }
        URI uri = request.uri();
        byte[] body = request.body();
        if (paramName.isPresent() && paramValue.isPresent()) {
            if (paramInBody) {
                ObjectNode json = Json.parseObject(body);
                json.put(paramName.get(), paramValue.get());
                body = Json.bytes(json);
            } else {
                String pair = enc(paramName.get()) + "=" + enc(paramValue.get());
                String q = uri.getRawQuery();
                String s = uri.toString();
                int hash = s.indexOf('#');
                String base = hash < 0 ? s : s.substring(0, hash);
                uri = URI.create(base + (q == null ? "?" : "&") + pair);
            }
        }
        return new ProviderRequest(request.method(), uri, headers, body);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ProviderAuth[header=" + headerName.orElse(headerValue.isPresent() ? "(provider's)" : "-")
                + ", param=" + paramName.orElse("-") + "]"; // never the secret values
    }
}
