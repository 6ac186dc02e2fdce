package org.carebridge.gateway.routes;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.ApplicationEventPublisher;
import org.apache.camel.ServiceStatus;
import org.carebridge.gateway.tenant.TenantRegistry;
import org.carebridge.routes.core.ChannelConfig;
import org.carebridge.routes.core.ChannelRouteManager;
import org.carebridge.routes.core.ConfigProblem;
import org.carebridge.routes.core.RouteConfigLoader;
import org.carebridge.routes.core.RouteStats;
import org.carebridge.routes.core.RouteStatsRegistry;
import org.carebridge.routes.core.RoutesConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Channels from the configuration directory: read at start-up, validated and reloaded on request, without
 * restarting the gateway. A reload with any problem changes nothing.
 */
@Context
public class RoutesService {
    private static final Logger LOG = LoggerFactory.getLogger(RoutesService.class);

    private final CamelRuntime runtime;
    private final RouteStatsRegistry stats;
    private final RouteConfigLoader loader;
    private final Path dir;
    private final int failingAfter;
    private final Map<String, String> startErrors = new ConcurrentHashMap<>();

    /** Outcome of a reload: the problems (then nothing was applied) or what changed. */
    public record ReloadResult(List<ConfigProblem> problems, ChannelRouteManager.ApplyResult applied) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final ApplicationEventPublisher<RoutesApplied> events;

    public RoutesService(CamelRuntime runtime, RouteStatsRegistry stats, TenantRegistry tenants, RoutesSettings settings,
                         ApplicationEventPublisher<RoutesApplied> events) {
        this.runtime = runtime;
        this.events = events;
        this.stats = stats;
        this.dir = Path.of(settings.configDir());
        this.failingAfter = settings.failingAfter();
        this.loader = new RouteConfigLoader(new RouteConfigLoader.Environment() {
            public boolean tenantExists(String tenant) {
                return tenants.exists(tenant);
            }

            public boolean handlerExists(String handler) {
                return runtime.handlers().exists(handler);
            }
        });
        // At start-up the good channels run even if another is broken: the problems are logged and shown by validate.
        RoutesConfig config = loader.load(dir);
        config.problems().forEach(p -> LOG.error("route configuration: {}", p));
        record(runtime.manager().apply(config.channels()));
    }

    public Path configDir() {
        return dir;
    }

    public RoutesConfig validate() {
        return loader.load(dir);
    }

    public synchronized ReloadResult reload() {
        RoutesConfig config = loader.load(dir);
        if (!config.valid()) {
            return new ReloadResult(config.problems(), null);
        }
        return new ReloadResult(List.of(), record(runtime.manager().apply(config.channels())));
    }

    /**
     * One tenant's view of the configuration: its channels and the problems of its own file ({@code <tenant>.yaml}),
     * plus any problem with the directory itself. Other tenants' files are neither shown nor held against it.
     */
    public RoutesConfig validate(String tenant) {
        return scoped(loader.load(dir), tenant);
    }

    /** Applies one tenant's file; every other tenant's channels stay exactly as they run now. */
    public synchronized ReloadResult reload(String tenant) {
        RoutesConfig config = scoped(loader.load(dir), tenant);
        if (!config.valid()) return new ReloadResult(config.problems(), null);
        List<ChannelConfig> next = new java.util.ArrayList<>(config.channels());
        runtime.manager().channels().stream().filter(c -> !c.tenant().equals(tenant)).forEach(next::add);
        ChannelRouteManager.ApplyResult all = record(runtime.manager().apply(next));
        java.util.function.Predicate<String> mine = id -> id.startsWith(tenant + ".");
        return new ReloadResult(List.of(), new ChannelRouteManager.ApplyResult(
                all.added().stream().filter(mine).toList(), all.removed().stream().filter(mine).toList(),
                all.updated().stream().filter(mine).toList(), all.unchanged().stream().filter(mine).toList(),
                all.failed().entrySet().stream().filter(e -> mine.test(e.getKey()))
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
    }

    private RoutesConfig scoped(RoutesConfig all, String tenant) {
        List<ConfigProblem> problems = all.problems().stream().filter(p -> p.file().equals(tenant + ".yaml")
                || p.file().equals(tenant + ".yml") || p.file().equals(dir.toString())).toList();
        return new RoutesConfig(all.channels().stream().filter(c -> c.tenant().equals(tenant)).toList(), problems);
    }

    /** The routes of one tenant. */
    public List<RouteView> routes(String tenant) {
        return routes().stream().filter(r -> tenant.equals(r.tenant())).toList();
    }

    private ChannelRouteManager.ApplyResult record(ChannelRouteManager.ApplyResult r) {
        r.removed().forEach(startErrors::remove);
        r.added().forEach(startErrors::remove);
        r.updated().forEach(startErrors::remove);
        startErrors.putAll(r.failed());
        events.publishEvent(new RoutesApplied(List.copyOf(runtime.manager().channels()), r.removed()));
        return r;
    }

    public List<RouteView> routes() {
        ChannelRouteManager m = runtime.manager();
        return m.channels().stream().sorted(Comparator.comparing(ChannelConfig::routeId)).map(c -> {
            RouteStats s = stats.of(c.routeId());
            ServiceStatus status = m.status(c.routeId());
            RouteStats.LastError e = s.lastError();
            return new RouteView(c.routeId(), c.tenant(), c.id(), c.kind().id(), c.partner(),
                    status == null ? "NotCreated" : status.name(), m.heldByOperator(c.routeId()), failing(c.routeId()),
                    s.in(), s.out(), s.failed(), s.lastSuccess() == null ? null : s.lastSuccess().toString(),
                    e == null ? null : e.at().toString(), e == null ? null : e.errorClass() + ": " + e.message(),
                    startErrors.get(c.routeId()), c.source().toString());
        }).toList();
    }

    /**
     * A route is failing when it should run but does not (it failed to start, or stopped without an operator
     * asking), or when its last attempts all failed.
     */
    public boolean failing(String routeId) {
        ChannelRouteManager m = runtime.manager();
        ServiceStatus status = m.status(routeId);
        boolean shouldRun = !m.heldByOperator(routeId);
        if (shouldRun && status != ServiceStatus.Started) return true;
        return stats.of(routeId).consecutiveFailures() >= failingAfter;
    }

    public ChannelRouteManager manager() {
        return runtime.manager();
    }
}
