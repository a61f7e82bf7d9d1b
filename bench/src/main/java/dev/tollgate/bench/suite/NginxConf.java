package dev.tollgate.bench.suite;

import java.nio.file.Path;

/**
 * The nginx configuration of scenario 2: a plain reverse proxy with upstream keep-alive, no
 * logging; under {@link #STREAM_PREFIX} the same with {@code proxy_buffering off}, as streamed
 * answers are proxied (the mock serves any path ending in /v1/chat/completions).
 */
final class NginxConf {
    static final String STREAM_PREFIX = "/sse";

    private NginxConf() {
    }

    static String render(Path dir, int port, int upstreamPort) {
        return """
                worker_processes auto;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 4096; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/client_body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  client_max_body_size 10m;
                  upstream mock { server 127.0.0.1:%3$d; keepalive 128; }
                  server {
                    listen 127.0.0.1:%2$d;
                    location / {
                      proxy_pass http://mock;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                    }
                    location /sse/ {
                      proxy_pass http://mock;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_buffering off;
                    }
                  }
                }
                """.formatted(dir, port, upstreamPort);
    }
}
