package org.carebridge.gateway.ecm;

import org.carebridge.gateway.search.IndexEntries;
import org.carebridge.mappings.ecm.VisitRefs;
import org.carebridge.profiles.Canonical;
import org.carebridge.rules.visits.VisitJudgement;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Encounter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The search index rows of a visit's Appointment and Encounter, straight from the judgement: the rows
 * {@link IndexEntries#extract} gives for the resources {@code VisitFhirMapper} builds with the same refs (parameters
 * of SearchParameterRegistry, in its order), without building them. VisitIndexTest compares the two over a table of
 * visits, so a parameter added to the registry for these types fails there until it is added here. Only for
 * judgements {@code VisitJson.fits}.
 */
final class VisitIndex {
    private static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    /** An instant or dateTime of second precision covers its whole second. */
    private static final long SECOND_END_MILLIS = 999;

    private VisitIndex() {}

    static IndexEntries appointment(VisitJudgement j, VisitRefs refs) {
        List<IndexEntries.Token> tokens = List.of(
                new IndexEntries.Token("identifier", Canonical.ECM_VISIT, j.visit().visitId()),
                new IndexEntries.Token("status", Appointment.AppointmentStatus.fromCode(j.status().code()).getSystem(),
                        j.status().code()));
        List<IndexEntries.Ref> r = new ArrayList<>(4);
        if (refs.patientResId() != null) r.add(new IndexEntries.Ref("patient", "Patient", refs.patientResId()));
        if (refs.patientResId() != null) r.add(new IndexEntries.Ref("actor", "Patient", refs.patientResId()));
        if (refs.providerResId() != null) r.add(new IndexEntries.Ref("actor", "Organization", refs.providerResId()));
        if (refs.orderResId() != null) r.add(new IndexEntries.Ref("based-on", "ServiceRequest", refs.orderResId()));
        Instant start = millis(j.visit().start());
        return new IndexEntries(tokens, List.copyOf(r),
                List.of(new IndexEntries.DateRange("date", start, start.plusMillis(SECOND_END_MILLIS))));
    }

    /** Null when the visit has no Encounter. */
    static IndexEntries encounter(VisitJudgement j, VisitRefs refs) {
        if (j.workers().isEmpty() && j.outcome() == null) return null;
        Encounter.EncounterStatus status = switch (j.status()) {
            case ARRIVED -> Encounter.EncounterStatus.INPROGRESS;
            case FULFILLED -> Encounter.EncounterStatus.FINISHED;
            case BOOKED -> Encounter.EncounterStatus.PLANNED;
            case NOSHOW, CANCELLED -> Encounter.EncounterStatus.CANCELLED;
        };
        List<IndexEntries.Token> tokens = List.of(
                new IndexEntries.Token("identifier", Canonical.ECM_VISIT, j.visit().visitId()),
                new IndexEntries.Token("status", status.getSystem(), status.toCode()),
                new IndexEntries.Token("class", ACT_CODE, "HH"));
        List<IndexEntries.Ref> r = new ArrayList<>(5);
        if (refs.patientResId() != null) r.add(new IndexEntries.Ref("subject", "Patient", refs.patientResId()));
        if (refs.patientResId() != null) r.add(new IndexEntries.Ref("patient", "Patient", refs.patientResId()));
        if (refs.orderResId() != null) r.add(new IndexEntries.Ref("based-on", "ServiceRequest", refs.orderResId()));
        r.add(new IndexEntries.Ref("appointment", "Appointment", refs.appointmentId()));
        if (refs.providerResId() != null) r.add(new IndexEntries.Ref("service-provider", "Organization", refs.providerResId()));
        List<IndexEntries.DateRange> dates = j.actualStart() == null && j.actualEnd() == null ? List.of()
                : List.of(new IndexEntries.DateRange("date", j.actualStart() == null ? null : millis(j.actualStart()),
                        j.actualEnd() == null ? null : millis(j.actualEnd()).plusMillis(SECOND_END_MILLIS)));
        return new IndexEntries(tokens, List.copyOf(r), dates);
    }

    /** As a java.util.Date holds it (HAPI's value): whole milliseconds. */
    private static Instant millis(Instant t) {
        return Instant.ofEpochMilli(t.toEpochMilli());
    }
}
