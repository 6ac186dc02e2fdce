package org.carebridge.rules.visits;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The events that count, from the events received: feeds repeat events, send them out of order and correct them
 * with new records. Duplicates (same event id) keep the first received; an event named in another's
 * {@code supersedes} drops out; the rest are ordered by time, check-ins before check-outs at the same instant.
 */
public record EventLog(List<VisitEvent> active, List<IgnoredEvent> ignored) {

    private static final Comparator<VisitEvent> ORDER = Comparator.comparing(VisitEvent::time)
            .thenComparing(e -> e.kind().ordinal())
            .thenComparing(VisitEvent::eventId);

    public EventLog {
        active = List.copyOf(active);
        ignored = List.copyOf(ignored);
    }

    /** @param received events in the order they were received (that order only matters for duplicates) */
    public static EventLog resolve(Collection<VisitEvent> received) {
        Map<String, VisitEvent> byId = new LinkedHashMap<>();
        List<IgnoredEvent> ignored = new ArrayList<>();
        for (VisitEvent e : received) {
            VisitEvent first = byId.putIfAbsent(e.eventId(), e);
            if (first != null) {
                ignored.add(new IgnoredEvent(e.eventId(), first.equals(e)
                        ? IgnoredEvent.Why.DUPLICATE : IgnoredEvent.Why.CONFLICTING_DUPLICATE));
            }
        }
        Set<String> superseded = new HashSet<>();
        for (VisitEvent e : byId.values()) {
            if (e.supersedes() != null && !e.supersedes().equals(e.eventId())) {
                superseded.add(e.supersedes());
            }
        }
        List<VisitEvent> active = new ArrayList<>();
        for (VisitEvent e : byId.values()) {
            if (superseded.contains(e.eventId())) {
                ignored.add(new IgnoredEvent(e.eventId(), IgnoredEvent.Why.SUPERSEDED));
            } else {
                active.add(e);
            }
        }
        active.sort(ORDER);
        return new EventLog(active, ignored);
    }
}
