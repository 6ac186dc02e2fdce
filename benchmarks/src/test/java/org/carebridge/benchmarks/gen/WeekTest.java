package org.carebridge.benchmarks.gen;

import org.carebridge.mappings.ecm.RotaBundleMapper;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The synthetic week as a parameter, and the generated visits as the rota intake and R4 take them. */
class WeekTest {
    private static final Scale TINY = Scale.small().withPeople(30);
    private static final LocalDate WEEK = LocalDate.of(2027, 3, 1);

    @Test
    void theDefaultWeekIsTheFirstMondayAfterToday() {
        assertEquals(LocalDate.of(2026, 12, 7), Scale.nextWeek(LocalDate.of(2026, 12, 2)));   // a Wednesday
        assertEquals(LocalDate.of(2026, 12, 7), Scale.nextWeek(LocalDate.of(2026, 12, 6)));   // a Sunday
        assertEquals(LocalDate.of(2026, 12, 14), Scale.nextWeek(LocalDate.of(2026, 12, 7)));  // a Monday: not itself
    }

    @Test
    void everyVisitOfTheDefaultWeekIsAfterTheDayOfTheRun() {
        LocalDate today = LocalDate.of(2026, 12, 2);
        SyntheticWorld w = new SyntheticWorld(42, TINY.withWeekStart(Scale.nextWeek(today)));
        LocalDateTime endOfToday = today.plusDays(1).atStartOfDay();
        for (int i = 0; i < 30; i++) {
            for (Model.Visit v : w.visits(w.person(i))) assertFalse(v.plannedStart().isBefore(endOfToday), v.toString());
        }
    }

    @Test
    void aWeekThatIsNotAMondayIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TINY.withWeekStart(LocalDate.of(2027, 3, 2)));
        assertTrue(e.getMessage().contains("Monday"), e.getMessage());
    }

    @Test
    void theSameSeedAndWeekGiveTheSameBytesAndAnotherWeekMovesOnlyTheDates(@TempDir Path tmp) throws IOException {
        Generator.generate(new SyntheticWorld(11, TINY.withWeekStart(WEEK)), new FhirFactory("b"), tmp.resolve("a"), DataFormats.names(), 100);
        Generator.generate(new SyntheticWorld(11, TINY.withWeekStart(WEEK)), new FhirFactory("b"), tmp.resolve("b"), DataFormats.names(), 100);
        Generator.generate(new SyntheticWorld(11, TINY.withWeekStart(WEEK.plusWeeks(1))), new FhirFactory("b"), tmp.resolve("c"), DataFormats.names(), 100);
        for (String f : List.of("fhir/Appointment.ndjson", "ecm/events.csv", "mosaic/full.xml")) {
            byte[] a = Files.readAllBytes(tmp.resolve("a").resolve(f));
            assertArrayEquals(a, Files.readAllBytes(tmp.resolve("b").resolve(f)), f);
            assertFalse(java.util.Arrays.equals(a, Files.readAllBytes(tmp.resolve("c").resolve(f))), f + " of another week");
        }
        SyntheticWorld one = new SyntheticWorld(11, TINY.withWeekStart(WEEK));
        SyntheticWorld next = new SyntheticWorld(11, TINY.withWeekStart(WEEK.plusWeeks(1)));
        for (int i = 0; i < 30; i++) {
            List<Model.Visit> a = one.visits(one.person(i)), b = next.visits(next.person(i));
            assertEquals(a.size(), b.size());
            for (int k = 0; k < a.size(); k++) {
                assertEquals(a.get(k).visitId(), b.get(k).visitId());
                assertEquals(a.get(k).plannedStart().plusWeeks(1), b.get(k).plannedStart());
            }
            List<Model.EcmEvent> ea = one.events(one.person(i)), eb = next.events(next.person(i));
            assertEquals(ea.size(), eb.size());
            for (int k = 0; k < ea.size(); k++) {
                assertEquals(ea.get(k).eventId(), eb.get(k).eventId());
                assertEquals(ea.get(k).time().plus(java.time.Duration.ofDays(7)), eb.get(k).time());
            }
        }
        assertTrue(Files.readString(tmp.resolve("a/fhir/Appointment.ndjson")).contains("\"start\":\"2027-03-0"));
    }

    @Test
    void aPlannedVisitNamesNoOrganizationAndTheRotaIntakeTakesIt() {
        SyntheticWorld w = new SyntheticWorld(42, TINY.withWeekStart(WEEK));
        FhirFactory f = new FhirFactory("b");
        Model.Person p = w.person(3);
        Model.Order o = w.order(p);
        Model.Visit v = w.visits(p).stream().filter(x -> x.workers() == 2 || x.timeCritical()).findFirst().orElse(w.visits(p).get(0));
        Appointment a = f.appointment(v, o.orderNumber());
        // R4 Appointment.participant.actor: Patient, Practitioner, PractitionerRole, RelatedPerson, Device,
        // HealthcareService, Location; never an Organization.
        Set<String> allowed = Set.of("Patient", "Practitioner", "PractitionerRole", "RelatedPerson", "Device", "HealthcareService", "Location");
        for (Appointment.AppointmentParticipantComponent part : a.getParticipant()) {
            assertTrue(allowed.contains(part.getActor().getReferenceElement().getResourceType()), part.getActor().getReference());
        }
        PractitionerRole role = f.careRole(w.provider(p.providerIndex()));
        assertEquals("PractitionerRole/" + role.getIdPart(), a.getParticipant().get(1).getActor().getReference());
        assertEquals("Organization/" + f.organizationId(p.providerIndex()), role.getOrganization().getReference());

        Bundle rota = new Bundle().setType(Bundle.BundleType.COLLECTION);
        rota.addEntry().setFullUrl("Appointment/" + a.getIdPart()).setResource(a);
        RotaBundleMapper.Result r = RotaBundleMapper.map(rota, "kent", w.provider(p.providerIndex()).feedId(), (type, id) -> switch (type) {
            case "ServiceRequest" -> id.equals(f.orderId(p.index())) ? Optional.of(o.orderNumber()) : Optional.empty();
            case "Patient" -> id.equals(f.patientId(p.index())) ? Optional.of(p.personId()) : Optional.empty();
            default -> Optional.empty();
        });
        assertEquals(List.of(), r.errors());
        var planned = r.visits().get(0);
        assertEquals(v.visitId(), planned.visitId());
        assertEquals(v.workers(), planned.workersRequired());
        assertEquals(v.timeCritical(), planned.timeCritical());
    }
}
