package org.carebridge.gateway.observability;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.carebridge.gateway.routes.RoutesApplied;
import org.carebridge.gateway.routes.RoutesService;
import org.carebridge.routes.core.ChannelConfig;
import org.carebridge.routes.core.RouteStats;
import org.carebridge.routes.core.RouteStatsRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Per-route metrics for Prometheus: {@code carebridge_route_messages_total{route,tenant,kind,partner,outcome}}
 * (in, out, dead-lettered) and {@code carebridge_route_failing} (1 while the route counts as failing).
 * Registered as routes appear, removed when a reload drops them.
 */
@Singleton
public class RouteMetrics {
    private final MeterRegistry registry;
    private final RouteStatsRegistry stats;
    private final jakarta.inject.Provider<RoutesService> routes;
    private final Map<String, List<Meter>> meters = new ConcurrentHashMap<>();

    public RouteMetrics(MeterRegistry registry, RouteStatsRegistry stats, jakarta.inject.Provider<RoutesService> routes) {
        this.registry = registry;
        this.stats = stats;
        this.routes = routes;
    }

    @EventListener
    public void onApplied(RoutesApplied applied) {
        for (String removed : applied.removed()) {
            List<Meter> old = meters.remove(removed);
            if (old != null) old.forEach(registry::remove);
        }
        for (ChannelConfig c : applied.channels()) {
            meters.computeIfAbsent(c.routeId(), id -> register(c));
        }
    }

    private List<Meter> register(ChannelConfig c) {
        Tags tags = Tags.of("route", c.routeId(), "tenant", c.tenant(), "kind", c.kind().id(),
                "partner", c.partner() == null ? "" : c.partner());
        RouteStats s = stats.of(c.routeId());
        List<Meter> out = new ArrayList<>();
        out.add(counter(tags.and("outcome", "in"), s, RouteStats::in));
        out.add(counter(tags.and("outcome", "out"), s, RouteStats::out));
        out.add(counter(tags.and("outcome", "dead-lettered"), s, RouteStats::failed));
        out.add(Gauge.builder("carebridge.route.failing", () -> routes.get().failing(c.routeId()) ? 1 : 0)
                .description("1 while the route is failing (health DOWN)").tags(tags).register(registry));
        return out;
    }

    private FunctionCounter counter(Tags tags, RouteStats s, ToDoubleFunction<RouteStats> f) {
        return FunctionCounter.builder("carebridge.route.messages", s, f)
                .description("messages received (in), processed (out) and kept as dead letters, per route")
                .tags(tags).register(registry);
    }
}
