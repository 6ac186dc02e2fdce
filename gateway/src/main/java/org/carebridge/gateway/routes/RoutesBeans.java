package org.carebridge.gateway.routes;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.carebridge.routes.core.RouteStatsRegistry;

@Factory
class RoutesBeans {
    @Singleton
    RouteStatsRegistry routeStatsRegistry() {
        return new RouteStatsRegistry();
    }
}
