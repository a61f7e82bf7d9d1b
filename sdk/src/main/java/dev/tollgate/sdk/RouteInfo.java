package dev.tollgate.sdk;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import java.util.Optional;

/**
 * The matched route and its service, by id and name. Built with {@link #builder(String, String)}.
 *
 * @since 0.1.0
 */
public final class RouteInfo {
    private final String routeId;
    private final Optional<String> routeName;
    private final String serviceId;
    private final Optional<String> serviceName;

    private RouteInfo(Builder b) {
        this.routeId = requireNonNull(b.routeId, "routeId");
        this.routeName = Optional.ofNullable(b.routeName);
        this.serviceId = requireNonNull(b.serviceId, "serviceId");
        this.serviceName = Optional.ofNullable(b.serviceName);
    }

    public static Builder builder(String routeId, String serviceId) {
        return new Builder(routeId, serviceId);
    }

    public String routeId() {
        return routeId;
    }

    /** The route's name, if it has one. */
    public Optional<String> routeName() {
        return routeName;
    }

    /** The route's service id. */
    public String serviceId() {
        return serviceId;
    }

    /** The service's name, if it has one. */
    public Optional<String> serviceName() {
        return serviceName;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RouteInfo r && routeId.equals(r.routeId) && routeName.equals(r.routeName)
                && serviceId.equals(r.serviceId) && serviceName.equals(r.serviceName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(routeId, routeName, serviceId, serviceName);
    }

    @Override
    public String toString() {
        return "RouteInfo[routeId=" + routeId + ", routeName=" + routeName.orElse("") + ", serviceId=" + serviceId
                + ", serviceName=" + serviceName.orElse("") + "]";
    }

    /**
     * Builds a {@link RouteInfo}.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private final String routeId;
        private final String serviceId;
        private String routeName;
        private String serviceName;

        private Builder(String routeId, String serviceId) {
            this.routeId = routeId;
            this.serviceId = serviceId;
        }

        /** Null for none. */
        public Builder routeName(String routeName) {
            this.routeName = routeName;
            return this;
        }

        /** Null for none. */
        public Builder serviceName(String serviceName) {
            this.serviceName = serviceName;
            return this;
        }

        public RouteInfo build() {
            return new RouteInfo(this);
        }
    }
}
