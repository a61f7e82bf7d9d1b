package dev.tollgate.bench.suite;

import java.net.URI;
import java.util.Map;

/**
 * One request a scenario sends, again and again: where, with which headers and body.
 *
 * @param name    short id, also the Lua script's file name
 * @param uri     the full URL
 * @param method  GET or POST
 * @param headers request headers besides Host and Content-Length
 * @param body    the body, empty for none
 */
record Target(String name, URI uri, String method, Map<String, String> headers, byte[] body) {
    Target {
        headers = Map.copyOf(headers);
    }

    static Target post(String name, URI uri, Map<String, String> headers, byte[] body) {
        return new Target(name, uri, "POST", headers, body);
    }

    RateDriver.Request asDriverRequest() {
        return RateDriver.Request.post(uri, headers, body);
    }
}
