package dev.tollgate.plugins.airatelimiting;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The model that last answered on each route, as this node saw it. A request that names no
 * model gets the model its route's ai-proxy configuration fixes, and only the answer says which
 * that is; until a route has answered once, its model-scoped limits cannot be checked.
 */
final class RouteModels {
    /** Routes are configuration, so few; the bound only guards against a flood of route changes. */
    private static final int MAX_ROUTES = 10_000;

    private final ConcurrentHashMap<String, String> lastModel = new ConcurrentHashMap<>();

    Optional<String> last(String routeId) {
        return routeId == null ? Optional.empty() : Optional.ofNullable(lastModel.get(routeId));
    }

    void remember(String routeId, String model) {
        if (routeId == null || model == null || model.isBlank()) {
            return;
        }
        if (lastModel.size() >= MAX_ROUTES && !lastModel.containsKey(routeId)) {
            lastModel.clear();
        }
        lastModel.put(routeId, model);
    }
}
