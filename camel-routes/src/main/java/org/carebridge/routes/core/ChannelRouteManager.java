package org.carebridge.routes.core;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the Camel routes in line with the channel configuration: a reload adds new channels, removes dropped
 * ones and rebuilds changed ones, and leaves every unchanged route running as it was. Also the operator's
 * stop/start/suspend/resume, remembered so health can tell a route stopped on purpose from one that died.
 */
public final class ChannelRouteManager implements ChannelProcessor.ChannelLookup {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelRouteManager.class);

    private final CamelContext camel;
    private final Map<String, ChannelConfig> active = new ConcurrentHashMap<>();
    private final Set<String> heldByOperator = ConcurrentHashMap.newKeySet();

    /** What a reload did, by route id; {@code failed} maps a route id to why it could not start. */
    public record ApplyResult(List<String> added, List<String> removed, List<String> updated, List<String> unchanged,
                              Map<String, String> failed) {
    }

    public ChannelRouteManager(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public Optional<ChannelConfig> channel(String routeId) {
        return Optional.ofNullable(active.get(routeId));
    }

    public Collection<ChannelConfig> channels() {
        return List.copyOf(active.values());
    }

    public synchronized ApplyResult apply(List<ChannelConfig> next) {
        Map<String, ChannelConfig> wanted = new LinkedHashMap<>();
        next.forEach(c -> wanted.put(c.routeId(), c));
        List<String> added = new ArrayList<>(), removed = new ArrayList<>(), updated = new ArrayList<>(),
                unchanged = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (String id : List.copyOf(active.keySet())) {
            if (!wanted.containsKey(id)) {
                remove(id, failed);
                removed.add(id);
            }
        }
        for (ChannelConfig c : wanted.values()) {
            ChannelConfig current = active.get(c.routeId());
            if (current != null && current.sameDefinition(c)) {
                active.put(c.routeId(), c); // keeps the new file position for messages
                unchanged.add(c.routeId());
                continue;
            }
            if (current != null) {
                remove(c.routeId(), failed);
                updated.add(c.routeId());
            } else {
                added.add(c.routeId());
            }
            add(c, failed);
        }
        LOG.info("routes applied: {} added, {} removed, {} updated, {} unchanged, {} failed",
                added.size(), removed.size(), updated.size(), unchanged.size(), failed.size());
        return new ApplyResult(added, removed, updated, unchanged, failed);
    }

    private void add(ChannelConfig c, Map<String, String> failed) {
        active.put(c.routeId(), c);
        heldByOperator.remove(c.routeId());
        try {
            camel.addRouteFromTemplate(c.routeId(), c.kind().id(), templateParameters(c));
            if (camel.getRouteController().getRouteStatus(c.routeId()) != ServiceStatus.Started) {
                camel.getRouteController().startRoute(c.routeId());
            }
        } catch (Exception e) {
            // The channel stays listed (with its error) so the operator sees it; the others are unaffected.
            failed.put(c.routeId(), e.getClass().getSimpleName() + ": " + Errors.safeMessage(rootCause(e)));
            LOG.warn("route {} could not start: {}", c.routeId(), failed.get(c.routeId()));
        }
    }

    private void remove(String routeId, Map<String, String> failed) {
        try {
            if (camel.getRoute(routeId) != null) {
                camel.getRouteController().stopRoute(routeId);
                camel.removeRoute(routeId);
            }
        } catch (Exception e) {
            failed.put(routeId, "could not remove: " + Errors.safeMessage(e));
        }
        active.remove(routeId);
        heldByOperator.remove(routeId);
    }

    static Map<String, Object> templateParameters(ChannelConfig c) {
        Map<String, Object> p = new HashMap<>();
        // Feed settings are for the handler, not the route template.
        c.parameters().forEach((k, v) -> {
            if (!k.equals("feed-config") && !k.startsWith(ChannelKind.FEED_PREFIX)) p.put(camelCase(k), v);
        });
        p.put("key", c.routeId());
        return p;
    }

    static String camelCase(String kebab) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char ch : kebab.toCharArray()) {
            if (ch == '-') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return b.toString();
    }

    // ---- operator actions ------------------------------------------------------------------------------------

    public void stop(String routeId) throws Exception {
        requireRoute(routeId);
        heldByOperator.add(routeId);
        camel.getRouteController().stopRoute(routeId);
    }

    public void suspend(String routeId) throws Exception {
        requireRoute(routeId);
        heldByOperator.add(routeId);
        camel.getRouteController().suspendRoute(routeId);
    }

    public void start(String routeId) throws Exception {
        requireRoute(routeId);
        ServiceStatus s = status(routeId);
        if (s == ServiceStatus.Suspended) {
            camel.getRouteController().resumeRoute(routeId);
        } else {
            camel.getRouteController().startRoute(routeId);
        }
        heldByOperator.remove(routeId);
    }

    /** Camel's state of the route, or {@code null} when it failed to be created. */
    public ServiceStatus status(String routeId) {
        return camel.getRoute(routeId) == null ? null : camel.getRouteController().getRouteStatus(routeId);
    }

    public boolean heldByOperator(String routeId) {
        return heldByOperator.contains(routeId);
    }

    private void requireRoute(String routeId) {
        if (!active.containsKey(routeId) || camel.getRoute(routeId) == null) {
            throw new UnknownRouteException(routeId);
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t;
    }

    /** The operator named a route that is not configured. */
    public static final class UnknownRouteException extends RuntimeException {
        public UnknownRouteException(String routeId) {
            super("no route " + routeId);
        }
    }
}
