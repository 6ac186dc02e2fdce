package org.carebridge.mappings.ecm;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.carebridge.profiles.Canonical;
import org.carebridge.rules.visits.CheckInMethod;
import org.carebridge.rules.visits.EventKind;
import org.carebridge.rules.visits.ManualEntry;
import org.carebridge.rules.visits.PlannedVisit;
import org.carebridge.rules.visits.VisitEvent;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * Actual visits sent over FHIR: an Encounter for a planned visit, one participant per worker with
 * {@code period.start} as the check-in and {@code period.end} as the check-out, turned into the same
 * {@link VisitEvent}s the ECM feeds give. The gateway resolves the planned visit first (identifier, appointment or
 * id); this class only translates and checks, and pseudonymises the worker (identifier value, else display, else
 * reference) so nothing about the worker but the pseudonym leaves it.
 *
 * <p>Check-in method: the participant's CheckInMethod extension, else the Encounter's, else {@code app} (a vendor's
 * system posting what its app logged). {@code manual} needs a ManualEntryReason (participant or Encounter); when it
 * was entered is the Encounter's {@code meta.lastUpdated} as the vendor sent it, never later than its receipt, else
 * its receipt — the 24 h rule (H:3277) compares that with the time recorded. LocationVerified likewise, default false.
 *
 * <p>Re-sending an Encounter gives the same event ids (a function of what each event says), so it changes nothing.
 * A changed time, method or verification for a worker becomes a new event that supersedes the worker's current
 * event of that kind in the visit's log (from a feed or an earlier Encounter): the raw record is never edited.
 */
public final class EncounterEventMapper {
    /** Events must fall this close to the planned start (the window the gateway places events in). */
    public static final Duration WINDOW = Duration.ofDays(1);
    /** Clocks of vendors' systems drift: a time this far after receipt is still taken as "now". */
    private static final Duration SKEW = Duration.ofMinutes(5);

    private EncounterEventMapper() {}

    public record Result(List<VisitEvent> events, List<String> errors) {
        public Result {
            events = List.copyOf(events);
            errors = List.copyOf(errors);
        }
    }

    /** The visit id the Encounter names ({@link Canonical#ECM_VISIT}), or null. */
    public static String visitId(Encounter e) {
        return e.getIdentifier().stream().filter(i -> Canonical.ECM_VISIT.equals(i.getSystem()) && i.hasValue())
                .map(Identifier::getValue).findFirst().orElse(null);
    }

    /** The id part of the first {@code Appointment/{id}} the Encounter's {@code appointment} names, or null. */
    public static String appointmentId(Encounter e) {
        return e.getAppointment().stream().map(Reference::getReferenceElement)
                .filter(r -> "Appointment".equals(r.getResourceType()) && r.hasIdPart())
                .map(r -> r.getIdPart()).findFirst().orElse(null);
    }

    /**
     * @param visit      the planned visit the Encounter is for, as the gateway holds it
     * @param log        every event already placed on the visit, in the order received
     * @param receivedAt when the gateway received the Encounter
     */
    public static Result map(Encounter posted, PlannedVisit visit, List<VisitEvent> log, Pseudonymiser p,
                             Instant receivedAt) {
        List<String> errors = new ArrayList<>();
        checkVisitIdentity(posted, visit, errors);
        if (posted.getStatus() == Encounter.EncounterStatus.ENTEREDINERROR) {
            errors.add("Encounter.status: entered-in-error cannot retract a visit's times; post the corrected times");
        }
        Period whole = posted.getPeriod();
        if (whole.hasStart() && whole.hasEnd() && whole.getEnd().before(whole.getStart())) {
            errors.add("Encounter.period: end is before start");
        }
        if (posted.getParticipant().isEmpty()) {
            errors.add("Encounter.participant: at least one worker with a check-in or check-out period is needed");
        }
        CheckInMethod visitMethod = method(posted, "Encounter", errors);
        Boolean visitVerified = verified(posted);
        String visitReason = manualReason(posted);
        Instant enteredAt = posted.getMeta().hasLastUpdated()
                && !posted.getMeta().getLastUpdated().toInstant().isAfter(receivedAt)
                ? posted.getMeta().getLastUpdated().toInstant() : receivedAt;

        List<VisitEvent> fresh = new ArrayList<>();
        for (int i = 0; i < posted.getParticipant().size(); i++) {
            Encounter.EncounterParticipantComponent part = posted.getParticipant().get(i);
            String at = "Encounter.participant[" + i + "]";
            String raw = workerId(part.getIndividual());
            if (raw == null) {
                errors.add(at + ".individual: the worker needs an identifier (or display, or reference)");
                continue;
            }
            Period period = part.getPeriod();
            if (!period.hasStart() && !period.hasEnd()) {
                errors.add(at + ".period: needs a start (check-in) or an end (check-out)");
                continue;
            }
            if (period.hasStart() && period.hasEnd() && period.getEnd().before(period.getStart())) {
                errors.add(at + ".period: end is before start");
                continue;
            }
            CheckInMethod m = method(part, at, errors);
            CheckInMethod method = m != null ? m : visitMethod != null ? visitMethod : CheckInMethod.APP;
            Boolean v = verified(part);
            boolean locationVerified = v != null ? v : visitVerified != null && visitVerified;
            ManualEntry manual = null;
            if (method == CheckInMethod.MANUAL) {
                String reason = manualReason(part);
                if (reason == null) reason = visitReason;
                if (reason == null) {
                    errors.add(at + ".extension(ManualEntryReason): a manual entry needs its reason (here or on the Encounter)");
                    continue;
                }
                // FHIR has no "entered by": the provider's system entered it.
                manual = new ManualEntry(Pseudonymiser.scrub(reason), null,
                        p.worker("provider-system:" + visit.providerId()), enteredAt);
            }
            String worker = p.worker(raw);
            for (EventKind kind : List.of(EventKind.CHECK_IN, EventKind.CHECK_OUT)) {
                if (kind == EventKind.CHECK_IN ? !period.hasStart() : !period.hasEnd()) continue;
                Instant t = kind == EventKind.CHECK_IN ? period.getStart().toInstant() : period.getEnd().toInstant();
                String field = at + ".period." + (kind == EventKind.CHECK_IN ? "start" : "end");
                if (t.isAfter(receivedAt.plus(SKEW))) {
                    errors.add(field + ": " + t + " is in the future");
                    continue;
                }
                if (Duration.between(visit.start(), t).abs().compareTo(WINDOW) > 0) {
                    errors.add(field + ": " + t + " is more than a day from the planned start " + visit.start());
                    continue;
                }
                fresh.add(event(visit, worker, kind, t, method, locationVerified, manual, null));
            }
        }
        if (!errors.isEmpty()) return new Result(List.of(), errors);
        return new Result(superseding(fresh, log), errors);
    }

    /** What the Encounter says about whose visit it is must agree with the planned visit. */
    private static void checkVisitIdentity(Encounter e, PlannedVisit visit, List<String> errors) {
        String visitId = visitId(e);
        if (visitId != null && !visitId.equals(visit.visitId())) {
            errors.add("Encounter.identifier: visit " + visitId + " is not the visit this Encounter is posted for ("
                    + visit.visitId() + ")");
        }
        Reference subject = e.getSubject();
        if (subject.hasIdentifier() && Canonical.MOSAIC_PERSON.equals(subject.getIdentifier().getSystem())
                && !visit.clientId().equals(subject.getIdentifier().getValue())) {
            errors.add("Encounter.subject: not the person of visit " + visit.visitId());
        }
        for (Reference order : e.getBasedOn()) {
            if (order.hasIdentifier() && Canonical.MOSAIC_ORDER.equals(order.getIdentifier().getSystem())
                    && !visit.orderId().equals(order.getIdentifier().getValue())) {
                errors.add("Encounter.basedOn: not the order of visit " + visit.visitId());
            }
        }
    }

    /**
     * Keeps re-sent events exactly as stored (a duplicate), and makes a changed one supersede the worker's current
     * event of that kind.
     */
    private static List<VisitEvent> superseding(List<VisitEvent> fresh, List<VisitEvent> log) {
        Map<String, VisitEvent> byId = new LinkedHashMap<>();
        Set<String> superseded = new HashSet<>();
        for (VisitEvent e : log) {
            byId.putIfAbsent(e.eventId(), e);
            if (e.supersedes() != null) superseded.add(e.supersedes());
        }
        Map<String, VisitEvent> current = new LinkedHashMap<>(); // worker/kind -> its latest event still in force
        for (VisitEvent e : log) {
            if (!superseded.contains(e.eventId())) current.put(e.worker() + "/" + e.kind(), e);
        }
        List<VisitEvent> out = new ArrayList<>();
        for (VisitEvent e : fresh) {
            VisitEvent stored = byId.get(e.eventId());
            if (stored != null) {
                out.add(stored);
                continue;
            }
            VisitEvent old = current.get(e.worker() + "/" + e.kind());
            out.add(old == null ? e : new VisitEvent(e.eventId(), e.providerId(), e.clientId(), e.orderId(),
                    e.visitId(), e.worker(), e.kind(), e.time(), e.method(), e.locationVerified(), e.manual(),
                    e.reason(), old.eventId()));
        }
        return out;
    }

    static VisitEvent event(PlannedVisit v, String worker, EventKind kind, Instant time, CheckInMethod method,
                            boolean verified, ManualEntry manual, String reason) {
        // The id is a function of what the event says, so re-sending the same Encounter duplicates rather than adds.
        String says = worker + "|" + kind.code() + "|" + time + "|" + method.code() + "|" + verified
                + (manual == null ? "" : "|" + manual.exceptionCode() + "|" + manual.enteredAt())
                + (reason == null ? "" : "|" + reason);
        String id = "fhir:" + v.visitId() + ":" + kind.code() + ":"
                + UUID.nameUUIDFromBytes(says.getBytes(StandardCharsets.UTF_8));
        return new VisitEvent(id, v.providerId(), v.clientId(), v.orderId(), v.visitId(), worker, kind, time, method,
                verified, manual, reason, null);
    }

    /** The provider's id for the worker: identifier value, else display, else the reference; null if none. */
    static String workerId(Reference individual) {
        if (individual == null) return null;
        if (individual.hasIdentifier() && individual.getIdentifier().hasValue()
                && !individual.getIdentifier().getValue().isBlank()) {
            return individual.getIdentifier().getValue();
        }
        if (individual.hasDisplay() && !individual.getDisplay().isBlank()) return individual.getDisplay();
        if (individual.getReferenceElement().hasIdPart()) return individual.getReferenceElement().toUnqualifiedVersionless().getValue();
        return null;
    }

    private static CheckInMethod method(Base on, String at, List<String> errors) {
        Extension x = extension(on, EcmSystems.EXT_CHECK_IN_METHOD);
        if (x == null) return null;
        String code = code(x.getValue());
        CheckInMethod m = code == null ? null : CheckInMethod.fromCode(code).orElse(null);
        if (m == null) errors.add(at + ".extension(CheckInMethod): '" + code + "' is not app, telephony or manual");
        return m;
    }

    private static Boolean verified(Base on) {
        Extension x = extension(on, EcmSystems.EXT_LOCATION_VERIFIED);
        return x != null && x.getValue() instanceof BooleanType b && b.hasValue() ? b.booleanValue() : null;
    }

    private static String manualReason(Base on) {
        Extension x = extension(on, EcmSystems.EXT_MANUAL_ENTRY_REASON);
        if (x == null) return null;
        if (x.getValue() instanceof StringType s) return s.isEmpty() || s.getValue().isBlank() ? null : s.getValue();
        if (x.getValue() instanceof CodeableConcept c) {
            String code = code(c);
            return code != null ? code : c.hasText() ? c.getText() : null;
        }
        return null;
    }

    private static String code(Type value) {
        if (value instanceof CodeType c) return c.getValue();
        if (value instanceof Coding c) return c.getCode();
        if (value instanceof CodeableConcept cc) {
            return cc.getCoding().stream().map(Coding::getCode).filter(s -> s != null && !s.isBlank()).findFirst().orElse(null);
        }
        return null;
    }

    private static Extension extension(Base on, String url) {
        if (on instanceof DomainResource r) return r.getExtensionByUrl(url);
        return on instanceof Element e ? e.getExtensionByUrl(url) : null;
    }
}
