package dev.tollgate.host.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRouting;

/**
 * The status listener ({@code status.port}, 127.0.0.1:8100 by default, Kong's layout): the
 * node's status and readiness, without the Admin API's write access, for health checks.
 */
public final class StatusRoutes {
    private final StatusEndpoints status;

    public StatusRoutes(StatusEndpoints status) {
        this.status = status;
    }

    public void register(HttpRouting.Builder r) {
        r.get("/status", (req, res) -> AdminRoutes.send(res, 200, status.status()));
        r.get("/metrics", (req, res) -> status.metrics(req, res));
        r.get("/status/ready", (req, res) -> {
            ObjectNode ready = status.ready();
            AdminRoutes.send(res, ready.path("ready").asBoolean() ? 200 : 503, ready);
        });
    }
}
