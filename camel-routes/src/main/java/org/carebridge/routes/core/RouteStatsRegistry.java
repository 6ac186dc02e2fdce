package org.carebridge.routes.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link RouteStats} of every route, by route id. Stats survive a route's update by reload. */
public final class RouteStatsRegistry {
    private final Map<String, RouteStats> stats = new ConcurrentHashMap<>();

    public RouteStats of(String routeId) {
        return stats.computeIfAbsent(routeId, k -> new RouteStats());
    }

    public Map<String, RouteStats> all() {
        return Map.copyOf(stats);
    }
}
