package org.carebridge.mappings.ecm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carebridge.profiles.Canonical;
import org.carebridge.rules.visits.CheckInMethod;
import org.carebridge.rules.visits.EventKind;
import org.carebridge.rules.visits.ManualEntry;
import org.carebridge.rules.visits.VisitEvent;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * Actual visits sent over FHIR: an Encounter per visit, one participant per worker with {@code period.start} as the
 * check-in and {@code period.end} as the check-out, turned into the same {@link VisitEvent}s the ECM feeds give.
 * The worker's identifier (any system) is pseudonymised here. When a provider updates an Encounter, pass the
 * version it replaces: a changed time becomes a new event that supersedes the old one, so the raw record is never
 * edited; an unchanged time keeps its event id and is a harmless duplicate.
 *
 * <p>Required: identifier in {@link Canonical#ECM_VISIT}; subject with an identifier in
 * {@link Canonical#MOSAIC_PERSON}; each participant's individual with an identifier; participant extension
 * CheckInMethod (app, telephony, manual). Optional: basedOn order identifier, participant extension
 * LocationVerified, and for manual times participant extension ManualEntryReason plus {@code meta.lastUpdated} as
 * the time it was entered.
 */
public final class EncounterEventMapper {
    private EncounterEventMapper() {}

    public record Result(List<VisitEvent> events, List<String> errors) {
        public Result {
            events = List.copyOf(events);
            errors = List.copyOf(errors);
        }
    }

    public static Result map(Encounter current, Encounter previous, String providerId, Pseudonymiser pseudonymiser) {
        List<String> errors = new ArrayList<>();
        List<VisitEvent> now = events(current, providerId, pseudonymiser, errors);
        if (!errors.isEmpty()) {
            return new Result(List.of(), errors);
        }
        if (previous == null) {
            return new Result(now, errors);
        }
        // Events of the previous version, by worker and kind: a changed time in the new version supersedes them.
        Map<String, VisitEvent> before = new HashMap<>();
        for (VisitEvent e : events(previous, providerId, pseudonymiser, new ArrayList<>())) {
            before.put(e.worker() + "/" + e.kind(), e);
        }
        List<VisitEvent> out = new ArrayList<>();
        for (VisitEvent e : now) {
            VisitEvent old = before.get(e.worker() + "/" + e.kind());
            out.add(old == null || old.eventId().equals(e.eventId()) ? e
                    : new VisitEvent(e.eventId(), e.providerId(), e.clientId(), e.orderId(), e.visitId(), e.worker(),
                    e.kind(), e.time(), e.method(), e.locationVerified(), e.manual(), e.reason(), old.eventId()));
        }
        return new Result(out, errors);
    }

    private static List<VisitEvent> events(Encounter enc, String providerId, Pseudonymiser p, List<String> errors) {
        String visitId = enc.getIdentifier().stream().filter(i -> Canonical.ECM_VISIT.equals(i.getSystem()))
                .map(Identifier::getValue).findFirst().orElse(null);
        if (visitId == null) {
            errors.add("Encounter.identifier: missing visit id (system " + Canonical.ECM_VISIT + ")");
        }
        String clientId = idOf(enc.getSubject(), Canonical.MOSAIC_PERSON);
        if (clientId == null) {
            errors.add("Encounter.subject: missing patient identifier (system " + Canonical.MOSAIC_PERSON + ")");
        }
        String orderId = enc.getBasedOn().stream().map(r -> idOf(r, Canonical.MOSAIC_ORDER)).filter(s -> s != null)
                .findFirst().orElse(null);
        List<VisitEvent> out = new ArrayList<>();
        for (int i = 0; i < enc.getParticipant().size(); i++) {
            Encounter.EncounterParticipantComponent part = enc.getParticipant().get(i);
            String at = "Encounter.participant[" + i + "]";
            Reference ind = part.getIndividual();
            if (ind == null || !ind.hasIdentifier() || !ind.getIdentifier().hasValue()) {
                errors.add(at + ".individual: missing worker identifier");
                continue;
            }
            Extension m = part.getExtensionByUrl(EcmSystems.EXT_CHECK_IN_METHOD);
            CheckInMethod method = m != null && m.getValue() instanceof CodeType c
                    ? CheckInMethod.fromCode(c.getValue()).orElse(null) : null;
            if (method == null) {
                errors.add(at + ".extension(CheckInMethod): missing or not app, telephony or manual");
                continue;
            }
            Extension lv = part.getExtensionByUrl(EcmSystems.EXT_LOCATION_VERIFIED);
            boolean verified = lv != null && lv.getValue() instanceof BooleanType b && b.booleanValue();
            ManualEntry manual = null;
            if (method == CheckInMethod.MANUAL) {
                Extension r = part.getExtensionByUrl(EcmSystems.EXT_MANUAL_ENTRY_REASON);
                if (r == null || !(r.getValue() instanceof StringType s) || s.isEmpty() || !enc.getMeta().hasLastUpdated()) {
                    errors.add(at + ": a manual time needs extension ManualEntryReason and meta.lastUpdated");
                    continue;
                }
                // FHIR has no "entered by": the provider's system entered it.
                manual = new ManualEntry(Pseudonymiser.scrub(s.getValue()), null,
                        p.worker("provider-system:" + providerId), enc.getMeta().getLastUpdated().toInstant());
            }
            if (visitId == null || clientId == null) {
                continue;
            }
            String worker = p.worker(ind.getIdentifier().getValue());
            if (part.getPeriod().hasStart()) {
                out.add(event(visitId, clientId, orderId, providerId, worker, EventKind.CHECK_IN,
                        part.getPeriod().getStart().toInstant(), method, verified, manual));
            }
            if (part.getPeriod().hasEnd()) {
                out.add(event(visitId, clientId, orderId, providerId, worker, EventKind.CHECK_OUT,
                        part.getPeriod().getEnd().toInstant(), method, verified, manual));
            }
        }
        return out;
    }

    private static VisitEvent event(String visitId, String clientId, String orderId, String providerId, String worker,
                                    EventKind kind, Instant time, CheckInMethod method, boolean verified,
                                    ManualEntry manual) {
        // The id is a function of what it says, so re-sending the same Encounter duplicates rather than adds.
        String id = "fhir:" + visitId + ":" + worker + ":" + kind.code() + ":" + time.getEpochSecond();
        return new VisitEvent(id, providerId, clientId, orderId, visitId, worker, kind, time, method, verified, manual,
                null, null);
    }

    private static String idOf(Reference r, String system) {
        return r != null && r.hasIdentifier() && system.equals(r.getIdentifier().getSystem())
                ? r.getIdentifier().getValue() : null;
    }
}
