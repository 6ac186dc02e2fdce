package org.carebridge.mappings.ecm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.carebridge.rules.visits.AppointmentStatus;
import org.carebridge.rules.visits.CheckInMethod;
import org.carebridge.rules.visits.EventKind;
import org.carebridge.rules.visits.PlannedVisit;
import org.carebridge.rules.visits.VisitEvent;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Coding;

/**
 * A provider's Appointment status update of a planned visit, as ECM events. The update records what happens as it
 * happens, so each event is timed at its receipt, by the workers the Appointment names as Practitioner or
 * PractitionerRole participants (else the provider's system), method {@code app}, location not verified:
 *
 * <table>
 *   <tr><th>from</th><th>to</th><th>event</th></tr>
 *   <tr><td>booked, noshow</td><td>arrived</td><td>check-in</td></tr>
 *   <tr><td>arrived</td><td>fulfilled</td><td>check-out of every worker checked in and not out</td></tr>
 *   <tr><td>booked</td><td>noshow</td><td>no-reply</td></tr>
 *   <tr><td>booked, arrived, noshow</td><td>cancelled with cancelationReason {@code refused}</td><td>refusal (text as reason)</td></tr>
 *   <tr><td>booked, arrived, noshow</td><td>cancelled with {@code no-response}</td><td>no-reply</td></tr>
 *   <tr><td>booked, arrived, noshow</td><td>cancelled with {@code void}</td><td>person-in-hospital</td></tr>
 * </table>
 *
 * A planning status (proposed, pending, booked) of a booked visit, or {@code cancelled} of a booked visit without
 * one of those reasons, is not a status update: the write re-plans the visit as the rota does. The status the visit
 * already has changes nothing. Anything else (a visit going back to booked, fulfilled or cancelled visits changing
 * again, a status the ECM does not know) is refused.
 */
public final class AppointmentStatusEvents {
    private AppointmentStatusEvents() {}

    public sealed interface Outcome {}

    /** Not a status update: store the Appointment as a (re-)planned visit. */
    public record Replan() implements Outcome {}

    /** The visit already has this status: nothing to do (a repeated update). */
    public record Unchanged() implements Outcome {}

    public record Events(List<VisitEvent> events) implements Outcome {
        public Events {
            events = List.copyOf(events);
        }
    }

    /** Refused, with the element and the reason. */
    public record Refused(String field, String reason) implements Outcome {}

    /**
     * @param current the visit's status as the gateway judged it ({@code cancelled} when cancelled on the rota)
     * @param log     every event already placed on the visit, in the order received
     * @param now     when the update was received: the time of its events
     */
    public static Outcome map(Appointment posted, AppointmentStatus current, PlannedVisit visit, List<VisitEvent> log,
                              Pseudonymiser p, Instant now) {
        String to = posted.hasStatus() ? posted.getStatus().toCode() : null;
        boolean planning = to == null || to.equals("proposed") || to.equals("pending") || to.equals("booked");
        if (current == AppointmentStatus.BOOKED && (planning || to.equals("booked"))) return new Replan();
        if (to != null && to.equals(current.code())) return new Unchanged();
        if (planning) {
            return new Refused("Appointment.status", "visit " + visit.visitId() + " is " + current.code()
                    + " and cannot go back to " + to + " (its status is judged from its events)");
        }
        AppointmentStatus target = switch (to) {
            case "arrived" -> AppointmentStatus.ARRIVED;
            case "fulfilled" -> AppointmentStatus.FULFILLED;
            case "noshow" -> AppointmentStatus.NOSHOW;
            case "cancelled" -> AppointmentStatus.CANCELLED;
            default -> null;
        };
        if (target == null) {
            return new Refused("Appointment.status", "'" + to + "' is not a visit status the gateway takes"
                    + " (booked, arrived, fulfilled, noshow, cancelled)");
        }
        if (current == AppointmentStatus.FULFILLED || current == AppointmentStatus.CANCELLED) {
            return new Refused("Appointment.status", "visit " + visit.visitId() + " is " + current.code()
                    + " and cannot become " + to);
        }
        String reasonCode = cancelationCode(posted);
        EventKind kind;
        switch (target) {
            case ARRIVED -> kind = EventKind.CHECK_IN;
            case FULFILLED -> {
                if (current != AppointmentStatus.ARRIVED) {
                    return new Refused("Appointment.status", "visit " + visit.visitId() + " is " + current.code()
                            + ": fulfilled needs a check-in first (status arrived, or an Encounter with the actual period)");
                }
                kind = EventKind.CHECK_OUT;
            }
            case NOSHOW -> {
                if (current != AppointmentStatus.BOOKED) {
                    return new Refused("Appointment.status", "visit " + visit.visitId() + " is " + current.code()
                            + " and cannot become noshow");
                }
                kind = EventKind.NO_REPLY;
            }
            default -> {
                kind = reasonCode == null ? null : switch (reasonCode) {
                    case "refused" -> EventKind.REFUSAL;
                    case "no-response" -> EventKind.NO_REPLY;
                    case "void" -> EventKind.PERSON_IN_HOSPITAL;
                    default -> null;
                };
                if (kind == null) {
                    if (current == AppointmentStatus.BOOKED) return new Replan(); // cancelled on the rota
                    return new Refused("Appointment.cancelationReason", "visit " + visit.visitId() + " is "
                            + current.code() + ": it can only be cancelled as refused, no-response or void"
                            + " (VisitException codes)");
                }
            }
        }
        if (Duration.between(visit.start(), now).abs().compareTo(EncounterEventMapper.WINDOW) > 0) {
            return new Refused("Appointment.status", "a status update is timed at its receipt, which is more than a"
                    + " day from the planned start " + visit.start() + "; post an Encounter with the actual period");
        }
        Set<String> workers = new LinkedHashSet<>();
        if (kind == EventKind.CHECK_OUT) {
            workers.addAll(checkedInNotOut(log));
        } else {
            for (Appointment.AppointmentParticipantComponent part : posted.getParticipant()) {
                String type = part.getActor().hasType() ? part.getActor().getType()
                        : part.getActor().getReferenceElement().getResourceType();
                if (!"Practitioner".equals(type) && !"PractitionerRole".equals(type)) continue;
                String raw = EncounterEventMapper.workerId(part.getActor());
                if (raw != null) workers.add(p.worker(raw));
            }
            if (workers.isEmpty()) workers.add(p.worker("provider-system:" + visit.providerId()));
        }
        String reason = kind == EventKind.REFUSAL && posted.getCancelationReason().hasText()
                ? Pseudonymiser.scrub(posted.getCancelationReason().getText()) : null;
        List<VisitEvent> out = new ArrayList<>();
        for (String w : workers) {
            out.add(EncounterEventMapper.event(visit, w, kind, now, CheckInMethod.APP, false, null, reason));
        }
        return new Events(out);
    }

    private static String cancelationCode(Appointment a) {
        return a.getCancelationReason().getCoding().stream().filter(c -> EcmSystems.CS_VISIT_EXCEPTION.equals(c.getSystem()))
                .map(Coding::getCode).findFirst().orElse(null);
    }

    /** Workers whose check-in in force has no check-out in force. */
    private static Set<String> checkedInNotOut(List<VisitEvent> log) {
        Set<String> superseded = new HashSet<>();
        for (VisitEvent e : log) if (e.supersedes() != null) superseded.add(e.supersedes());
        Map<String, Boolean> in = new LinkedHashMap<>();
        for (VisitEvent e : log) {
            if (superseded.contains(e.eventId())) continue;
            if (e.kind() == EventKind.CHECK_IN) in.putIfAbsent(e.worker(), Boolean.TRUE);
            if (e.kind() == EventKind.CHECK_OUT) in.put(e.worker(), Boolean.FALSE);
        }
        Set<String> out = new LinkedHashSet<>();
        in.forEach((w, open) -> { if (open) out.add(w); });
        return out;
    }
}
