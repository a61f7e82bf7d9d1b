package dev.tollgate.commons.llm.provider;

import java.net.URI;
import java.util.Map;

/**
 * The HTTP call a provider wants for one request. Credentials are not part of it: the plugin
 * adds them ({@link Provider#authHeader}).
 *
 * @param uri     absolute URL, query included
 * @param headers headers besides {@code Content-Type: application/json} and credentials
 * @param body    the JSON body
 */
public record ProviderRequest(String method, URI uri, Map<String, String> headers, byte[] body) {
}
