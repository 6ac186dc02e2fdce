package org.carebridge.gateway.observability;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.carebridge.gateway.routes.RouteView;
import org.carebridge.gateway.routes.RoutesService;
import org.reactivestreams.Publisher;

import java.util.List;
import java.util.Map;

/**
 * Health turns DOWN while any route is failing: it should run but does not (failed to start, stopped without an
 * operator asking), or its last attempts all failed. Routes an operator stopped or suspended do not count.
 * Not a readiness check: the FHIR API keeps serving while a feed is broken.
 */
@Singleton
@Requires(beans = HealthEndpoint.class)
public class RouteHealthIndicator implements HealthIndicator {
    private final RoutesService routes;

    public RouteHealthIndicator(RoutesService routes) {
        this.routes = routes;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        List<RouteView> all = routes.routes();
        List<String> failing = all.stream().filter(RouteView::failing).map(RouteView::routeId).toList();
        return Publishers.just(HealthResult.builder("routes")
                .status(failing.isEmpty() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("routes", all.size(), "failing", failing))
                .build());
    }
}
