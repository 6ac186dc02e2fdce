package org.carebridge.gateway.fhir;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.carebridge.gateway.GatewayServer;
import org.hl7.fhir.r4.model.*;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Appointment.patient is a dated reference (its index rows carry the Appointment's start, V4): a search by patient
 * and date tests its date criteria on those rows. It must find exactly what the undated path finds — the same search
 * by {@code actor}, whose rows for the person are the same Appointments, with each date criterion probed in the date
 * index — for every date prefix, ORs, precisions and an Appointment without a start; and follow updates.
 */
class DatedReferenceSearchTest {
    private static final IGenericClient client = GatewayServer.client("kent");
    private static final Instant MONDAY = Instant.parse("2026-03-09T00:00:00Z");
    private static String ann, bob;
    /** Ann's Appointments with a start, by id. */
    private static final Map<String, Instant> annStarts = new java.util.HashMap<>();

    @BeforeAll
    static void visits() {
        ann = person("9449305560", "Dated-Ann");
        bob = person("9449305579", "Dated-Bob");
        // Ann: 4 a day for 8 days at 07:00, 11:30:30, 16:00 and 23:59:59 (a day's last second), so bounds fall
        // between, on and beside them.
        for (int day = 0; day < 8; day++) {
            for (long minutes : new long[]{7 * 60, 11 * 60 + 30, 16 * 60, 23 * 60 + 59}) {
                Instant start = MONDAY.plus(day, ChronoUnit.DAYS).plus(minutes, ChronoUnit.MINUTES)
                        .plusSeconds(minutes == 11 * 60 + 30 ? 30 : minutes == 23 * 60 + 59 ? 59 : 0);
                annStarts.put(appointment(start, ann), start);
            }
        }
        // Shared with Bob, and Bob's own.
        Instant shared = MONDAY.plus(2, ChronoUnit.DAYS).plus(9, ChronoUnit.HOURS);
        annStarts.put(appointment(shared, ann, bob), shared);
        for (int day = 0; day < 8; day += 2) appointment(MONDAY.plus(day, ChronoUnit.DAYS).plus(10, ChronoUnit.HOURS), bob);
        // A proposed Appointment has no start yet: found by patient alone, never by a date.
        appointment(null, ann);
    }

    @Test
    void everyDateCriterionFindsWhatTheUndatedPathFinds() {
        List<String> cases = List.of(
                "", "date=ge2026-03-10&date=lt2026-03-12", "date=ge2026-03-10T11:30:30Z&date=le2026-03-11T07:00:00Z",
                "date=eq2026-03-11", "date=2026-03-11T16:00:00Z", "date=ne2026-03-11", "date=gt2026-03-12T23:59:59Z",
                "date=lt2026-03-10T07:00:00Z", "date=le2026-03-10T07:00:00Z", "date=sa2026-03-13", "date=eb2026-03-11",
                "date=ap2026-03-12", "date=lt2026-03-10,ge2026-03-15", "date=ge2026-03-11&date=lt2026-03-11T12:00:00Z",
                "date=ge2026-03", "date=lt2026-03-09", "date=ge2026-03-10&date=ge2026-03-12&date=lt2026-03-13",
                "date=ge2026-03-11T09:00:00Z&date=le2026-03-11T09:00:00Z");
        TreeSet<Integer> sizes = new TreeSet<>();
        for (String dates : cases) {
            String and = dates.isEmpty() ? "" : "&" + dates;
            for (String[] people : new String[][]{{ann}, {bob}, {ann, bob}}) {
                String patients = String.join(",", java.util.Arrays.stream(people).map(p -> "Patient/" + p).toList());
                TreeSet<String> dated = ids("Appointment?patient=" + patients + and);
                TreeSet<String> undated = ids("Appointment?actor=" + patients + and);
                assertEquals(undated, dated, "patient vs actor for " + patients + and);
                sizes.add(dated.size());
            }
        }
        // Not a comparison of empty answers: the cases give many different sizes, none of them everything found.
        assertTrue(sizes.size() >= 8, "answer sizes " + sizes + " over " + cases.size() + " cases");
    }

    @Test
    void aWindowFindsTheStartsInsideIt() {
        Instant from = MONDAY.plus(3, ChronoUnit.DAYS), to = from.plus(2, ChronoUnit.DAYS);
        var expected = annStarts.entrySet().stream().filter(e -> !e.getValue().isBefore(from) && e.getValue().isBefore(to))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(8, expected.size());
        assertEquals(expected, ids("Appointment?patient=Patient/" + ann + "&date=ge2026-03-12&date=lt2026-03-14"));
        // Without a date the undated Appointment is there too; with any date it never is.
        assertEquals(annStarts.size() + 1, ids("Appointment?patient=" + ann).size());
        assertEquals(annStarts.size(), ids("Appointment?patient=" + ann + "&date=ge1900-01-01").size());
    }

    @Test
    void anUpdatedStartOrPersonMovesTheAppointment() {
        Instant start = MONDAY.plus(20, ChronoUnit.DAYS).plus(8, ChronoUnit.HOURS); // a week no other test visits
        String id = appointment(start, ann);
        String window = "&date=ge2026-03-29&date=lt2026-03-30";
        assertEquals(new TreeSet<>(List.of(id)), ids("Appointment?patient=" + ann + window));

        Appointment a = client.read().resource(Appointment.class).withId(id).execute();
        a.setStart(Date.from(start.plus(1, ChronoUnit.DAYS))).setEnd(Date.from(start.plus(1, ChronoUnit.DAYS).plus(30, ChronoUnit.MINUTES)));
        client.update().resource(a).execute();
        assertEquals(new TreeSet<>(), ids("Appointment?patient=" + ann + window), "moved a day on");
        assertEquals(new TreeSet<>(List.of(id)), ids("Appointment?patient=" + ann + "&date=ge2026-03-30&date=lt2026-03-31"));

        a = client.read().resource(Appointment.class).withId(id).execute();
        a.getParticipantFirstRep().setActor(new Reference("Patient/" + bob));
        client.update().resource(a).execute();
        assertEquals(new TreeSet<>(), ids("Appointment?patient=" + ann + "&date=ge2026-03-30&date=lt2026-03-31"));
        assertEquals(new TreeSet<>(List.of(id)), ids("Appointment?patient=" + bob + "&date=ge2026-03-30&date=lt2026-03-31"));
    }

    private static TreeSet<String> ids(String url) {
        TreeSet<String> out = new TreeSet<>();
        Bundle page = client.search().byUrl(url + (url.contains("?") ? "&" : "?") + "_count=100")
                .returnBundle(Bundle.class).execute();
        page.getEntry().forEach(e -> out.add(e.getResource().getIdElement().getIdPart()));
        assertNull(page.getLink("next"), "one page");
        return out;
    }

    private static String person(String nhsNumber, String family) {
        Patient p = new Patient();
        p.addIdentifier().setSystem("https://fhir.nhs.uk/Id/nhs-number").setValue(nhsNumber);
        p.addName().setFamily(family);
        return client.create().resource(p).execute().getId().getIdPart();
    }

    private static String appointment(Instant start, String... people) {
        Appointment a = new Appointment();
        if (start == null) {
            a.setStatus(Appointment.AppointmentStatus.PROPOSED);
        } else {
            a.setStatus(Appointment.AppointmentStatus.BOOKED).setStart(Date.from(start))
                    .setEnd(Date.from(start.plus(30, ChronoUnit.MINUTES)));
        }
        for (String p : people) {
            a.addParticipant().setActor(new Reference("Patient/" + p)).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        }
        return client.create().resource(a).execute().getId().getIdPart();
    }
}
