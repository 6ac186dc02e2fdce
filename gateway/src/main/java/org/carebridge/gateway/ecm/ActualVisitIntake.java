package org.carebridge.gateway.ecm;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.inject.Singleton;
import org.carebridge.gateway.fhir.WriteHandler;
import org.carebridge.gateway.store.StoreSession;
import org.carebridge.gateway.store.StoredResource;
import org.carebridge.mappings.ecm.AppointmentStatusEvents;
import org.carebridge.mappings.ecm.EncounterEventMapper;
import org.carebridge.profiles.Canonical;
import org.carebridge.rules.visits.AppointmentStatus;
import org.carebridge.rules.visits.VisitEvent;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Actual visits over FHIR. An Encounter for a planned visit (named by its {@link Canonical#ECM_VISIT} identifier,
 * its {@code appointment}, or the id of the visit's Encounter) and an update of a planned visit's Appointment
 * status are not stored as sent: they become ECM events ({@link EncounterEventMapper},
 * {@link AppointmentStatusEvents}) and go through {@link EcmIngest} in the write's own transaction — appended with
 * their dedup keys, placed, the visit re-judged, its Appointment and Encounter written as new versions. The answer
 * is the judged resource (the visit's Encounter, or its Appointment). Workers reach the store only as pseudonyms,
 * so the vendor's identifiers, names and NI numbers are never stored or returned. Who may post for which visit
 * is {@link ActualVisitWriteGuard}'s to check, before this.
 */
@Singleton
public class ActualVisitIntake implements WriteHandler {
    /** The route id the events of FHIR writes are audited under. */
    static final String ROUTE = "fhir";

    private final FhirContext ctx;
    private final EcmTenants tenants;
    private final EcmIngest ingest;
    private final VisitWriter writer;
    private final EcmClock clock;

    public ActualVisitIntake(FhirContext ctx, EcmTenants tenants, EcmIngest ingest, VisitWriter writer, EcmClock clock) {
        this.ctx = ctx;
        this.tenants = tenants;
        this.ingest = ingest;
        this.writer = writer;
        this.clock = clock;
    }

    /** How a posted Encounter names its visit: the column of {@code ecm_visit}, the value and the element. */
    record Named(String column, String value, String field) {}

    static Named named(Encounter e, IdType target) {
        String visitId = EncounterEventMapper.visitId(e);
        if (visitId != null) return new Named("visit_id", visitId, "Encounter.identifier");
        String appointment = EncounterEventMapper.appointmentId(e);
        if (appointment != null) return new Named("appointment_id", appointment, "Encounter.appointment");
        if (target != null && target.hasIdPart()) return new Named("encounter_id", target.getIdPart(), "Encounter.id");
        return null;
    }

    /** The same answer for a visit nobody planned and one of another provider, so neither tells which it is. */
    static UnprocessableEntityException unknownVisit(Named n) {
        String what = switch (n.column()) {
            case "visit_id" -> "visit " + n.value() + " (system " + Canonical.ECM_VISIT + ")";
            case "appointment_id" -> "Appointment/" + n.value();
            default -> "Encounter/" + n.value();
        };
        return new UnprocessableEntityException(n.field() + ": no planned visit is known as " + what + " for this caller");
    }

    @Override
    public MethodOutcome handle(StoreSession s, String interaction, IdType target, Resource resource) throws SQLException {
        if (resource instanceof Encounter e) {
            Named n = named(e, target);
            if (n == null) return null;
            VisitRow row = VisitStore.visitBy(s, n.column(), n.value(), true);
            if (row == null) {
                // Only a visit identifier says "this is an actual visit" outright; an appointment or id that is not a
                // planned visit's is some other Encounter, stored as usual.
                if (n.column().equals("visit_id")) throw unknownVisit(n);
                return null;
            }
            return encounter(s, target, e, row);
        }
        if (resource instanceof Appointment a && "update".equals(interaction) && target != null && target.hasIdPart()) {
            BundleAppointments known = s.note(BundleAppointments.class);
            if (known != null && known.named().contains(target.getIdPart()) && !known.planned().contains(target.getIdPart())) {
                return null; // looked up with the Bundle's other updates: not a planned visit's Appointment
            }
            VisitRow row = VisitStore.visitBy(s, "appointment_id", target.getIdPart(), true);
            return row == null ? null : appointment(s, target, a, row);
        }
        return null;
    }

    /**
     * A transaction Bundle's Appointment updates (a rota posts hundreds at once), looked up in one statement: which
     * of them are planned visits' Appointments. Visits are added to the rota only after a Bundle's last entry
     * ({@link EcmWriteListener}), so the answer holds for all its entries.
     */
    record BundleAppointments(Set<String> named, Set<String> planned) {}

    @Override
    public void beforeUpdates(StoreSession s, String type, Collection<String> ids) throws SQLException {
        if (!"Appointment".equals(type) || ids.size() < 2) return;
        s.note(BundleAppointments.class, new BundleAppointments(Set.copyOf(ids), VisitStore.plannedAppointments(s, ids)));
    }

    private MethodOutcome encounter(StoreSession s, IdType target, Encounter e, VisitRow row) throws SQLException {
        String visitId = row.visit().visitId();
        String appointment = EncounterEventMapper.appointmentId(e);
        if (appointment != null && !appointment.equals(row.appointmentId())) {
            throw new UnprocessableEntityException("Encounter.appointment: Appointment/" + appointment
                    + " is not the Appointment of visit " + visitId + " (Appointment/" + row.appointmentId() + ")");
        }
        if (target != null && target.hasIdPart() && !target.getIdPart().equals(row.encounterId())) {
            throw new UnprocessableEntityException("Encounter.id: visit " + visitId + " is recorded as Encounter/"
                    + row.encounterId() + "; update that one, or post the Encounter without an id");
        }
        requireSame("Encounter.subject", e.getSubject(), "Patient", row.patientResId(), visitId);
        for (Reference order : e.getBasedOn()) requireSame("Encounter.basedOn", order, "ServiceRequest", row.orderResId(), visitId);
        Optional<StoredResource> before = current(s, "Encounter", row.encounterId(), target);

        List<VisitEvent> log = log(s, visitId);
        EncounterEventMapper.Result mapped = EncounterEventMapper.map(e, row.visit(), log,
                tenants.pseudonymiser(s.tenant()), clock.now());
        if (!mapped.errors().isEmpty()) throw new UnprocessableEntityException(String.join("; ", mapped.errors()));
        take(s, row, mapped.events(), "Encounter");
        if (s.read("Encounter", row.encounterId()).isEmpty()) {
            // Every event was already there (e.g. from the feed) but the visit was never judged with them: judge now.
            writer.judgeAndWrite(s, tenants.pack(s.tenant()), List.of(row), Map.of(visitId, log(s, visitId)), clock.now());
            s.flush();
        }
        return answer(s, "Encounter", row.encounterId(), before.isEmpty());
    }

    private MethodOutcome appointment(StoreSession s, IdType target, Appointment a, VisitRow row) throws SQLException {
        if (row.visit().cancelled()) return null; // cancelled on the rota: only the rota may re-plan it
        AppointmentStatus current = AppointmentStatus.valueOf(row.status().toUpperCase(Locale.ROOT));
        List<VisitEvent> log = log(s, row.visit().visitId());
        AppointmentStatusEvents.Outcome o = AppointmentStatusEvents.map(a, current, row.visit(), log,
                tenants.pseudonymiser(s.tenant()), clock.now());
        if (o instanceof AppointmentStatusEvents.Replan) return null; // the rota's own path (EcmWriteListener)
        if (o instanceof AppointmentStatusEvents.Refused r) throw new UnprocessableEntityException(r.field() + ": " + r.reason());
        current(s, "Appointment", row.appointmentId(), target);
        if (o instanceof AppointmentStatusEvents.Unchanged) return answer(s, "Appointment", row.appointmentId(), false);
        take(s, row, ((AppointmentStatusEvents.Events) o).events(), "Appointment");
        return answer(s, "Appointment", row.appointmentId(), false);
    }

    /** Through the feeds' pipeline, in this transaction; anything it would not place refuses the write whole. */
    private void take(StoreSession s, VisitRow row, List<VisitEvent> events, String source) throws SQLException {
        EcmReport report = ingest.ingest(s, new EcmIngest.Feed(s.tenant(), row.visit().providerId(), ROUTE, null,
                source + " " + row.visit().visitId()), events);
        if (report.rejected > 0) {
            throw new UnprocessableEntityException(source + ": the visit's events could not be placed: "
                    + report.records.stream().map(EcmReport.Entry::reason).collect(Collectors.joining("; ")));
        }
        s.flush();
    }

    private static void requireSame(String field, Reference ref, String type, String expected, String visitId) {
        if (ref == null || !type.equals(ref.getReferenceElement().getResourceType()) || !ref.getReferenceElement().hasIdPart()
                || expected == null) {
            return;
        }
        if (!expected.equals(ref.getReferenceElement().getIdPart())) {
            throw new UnprocessableEntityException(field + ": " + type + "/" + ref.getReferenceElement().getIdPart()
                    + " is not the " + (type.equals("Patient") ? "person" : "order") + " of visit " + visitId);
        }
    }

    /** The current version, checked against an If-Match version if the write gave one. */
    private static Optional<StoredResource> current(StoreSession s, String type, String id, IdType target) throws SQLException {
        Optional<StoredResource> r = s.read(type, id).filter(x -> !x.deleted());
        if (target != null && target.hasVersionIdPart()) {
            String actual = r.map(x -> String.valueOf(x.version())).orElse("none");
            if (!actual.equals(target.getVersionIdPart())) {
                throw new PreconditionFailedException("If-Match: version " + target.getVersionIdPart() + " of " + type
                        + "/" + id + " is not the current version (" + actual + ")");
            }
        }
        return r;
    }

    private static List<VisitEvent> log(StoreSession s, String visitId) throws SQLException {
        return VisitStore.eventsOf(s, List.of(visitId), Map.of()).get(visitId);
    }

    private MethodOutcome answer(StoreSession s, String type, String id, boolean created) throws SQLException {
        StoredResource stored = s.read(type, id).orElseThrow(() -> new IllegalStateException(type + " of a judged visit missing"));
        Resource r = (Resource) ctx.newJsonParser().parseResource(stored.json());
        IdType versioned = new IdType(type, id, String.valueOf(stored.version()));
        r.setId(versioned);
        MethodOutcome mo = new MethodOutcome(versioned, created);
        mo.setResource(r);
        return mo;
    }
}
