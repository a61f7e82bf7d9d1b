package dev.tollgate.sdk;

import java.util.Optional;

/**
 * The matched route and its service, by id and name.
 *
 * @param routeName   the route's name, if it has one
 * @param serviceId   the route's service id
 * @param serviceName the service's name, if it has one
 */
public record RouteInfo(String routeId, Optional<String> routeName, String serviceId, Optional<String> serviceName) {
}
