package org.carebridge.gateway.fhir;

import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.DateClientParam;
import ca.uhn.fhir.rest.gclient.ReferenceClientParam;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import org.carebridge.gateway.GatewayServer;
import org.hl7.fhir.r4.model.*;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** 250 planned visits for one person, searched, sorted, included and paged through over HTTP. */
class SearchAndPagingTest {
    private static final IGenericClient client = GatewayServer.client("kent");
    private static final Instant WEEK = Instant.parse("2026-03-02T08:00:00Z");
    private static String patientId;
    private static String orderId;

    @BeforeAll
    static void loadVisits() {
        Patient p = new Patient();
        p.addIdentifier().setSystem("https://fhir.nhs.uk/Id/nhs-number").setValue("9449305552");
        p.addName().setFamily("Paging");
        patientId = client.create().resource(p).execute().getId().getIdPart();
        ServiceRequest order = new ServiceRequest().setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE)
                .setIntent(ServiceRequest.ServiceRequestIntent.ORDER).setSubject(new Reference("Patient/" + patientId));
        orderId = client.create().resource(order).execute().getId().getIdPart();

        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int i = 0; i < 250; i++) {
            Instant start = WEEK.plus(i * 40L, ChronoUnit.MINUTES);
            Appointment a = new Appointment()
                    .setStatus(i % 5 == 0 ? Appointment.AppointmentStatus.FULFILLED : Appointment.AppointmentStatus.BOOKED)
                    .setStart(Date.from(start)).setEnd(Date.from(start.plus(30, ChronoUnit.MINUTES)));
            a.addBasedOn(new Reference("ServiceRequest/" + orderId));
            a.addParticipant().setActor(new Reference("Patient/" + patientId))
                    .setStatus(Appointment.ParticipationStatus.ACCEPTED);
            tx.addEntry().setResource(a).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Appointment");
        }
        Bundle resp = client.transaction().withBundle(tx).execute();
        assertEquals(250, resp.getEntry().size());
    }

    private static Bundle visits(int count) {
        return client.search().forResource(Appointment.class)
                .where(new ReferenceClientParam("patient").hasId("Patient/" + patientId))
                .count(count).returnBundle(Bundle.class).execute();
    }

    @Test
    void pagingThrough250ResultsFollowsNextLinks() {
        Bundle page = visits(40);
        assertEquals(250, page.getTotal());
        Set<String> seen = new HashSet<>();
        int pages = 0;
        while (true) {
            pages++;
            for (var e : page.getEntry()) assertTrue(seen.add(e.getResource().getIdElement().getIdPart()), "no repeats");
            if (page.getLink("next") == null) break;
            page = client.loadPage().next(page).execute();
        }
        assertEquals(250, seen.size());
        assertEquals(7, pages);
        // The last page links back.
        Bundle prev = client.loadPage().previous(page).execute();
        assertEquals(40, prev.getEntry().size());
    }

    @Test
    void dateRangeStatusAndSort() {
        // Visits start every 40 minutes from 08:00 on 2 March: 36 start before 08:00 on 3 March.
        Bundle day = client.search().forResource(Appointment.class)
                .where(new ReferenceClientParam("patient").hasId("Patient/" + patientId))
                .and(new DateClientParam("date").afterOrEquals().second("2026-03-02T08:00:00Z"))
                .and(new DateClientParam("date").before().second("2026-03-03T08:00:00Z"))
                .sort().descending("date").count(100).returnBundle(Bundle.class).execute();
        assertEquals(36, day.getTotal());
        List<Date> starts = new ArrayList<>();
        day.getEntry().forEach(e -> starts.add(((Appointment) e.getResource()).getStart()));
        for (int i = 1; i < starts.size(); i++) assertTrue(!starts.get(i).after(starts.get(i - 1)), "descending by date");

        Bundle fulfilled = client.search().forResource(Appointment.class)
                .where(new ReferenceClientParam("patient").hasId("Patient/" + patientId))
                .and(new TokenClientParam("status").exactly().code("fulfilled"))
                .returnBundle(Bundle.class).execute();
        assertEquals(50, fulfilled.getTotal());
        fulfilled.getEntry().forEach(e -> assertEquals(Appointment.AppointmentStatus.FULFILLED,
                ((Appointment) e.getResource()).getStatus()));
    }

    @Test
    void codesNarrowAReferenceOrIdsWhateverLeadsTheQuery() {
        // A reference with codes is answered reference first, codes checked per candidate: the same rows either way.
        Bundle bookedOrFulfilled = client.search().forResource(Appointment.class)
                .where(new ReferenceClientParam("based-on").hasId("ServiceRequest/" + orderId))
                .and(new TokenClientParam("status").exactly().codes("booked", "fulfilled"))
                .count(1).returnBundle(Bundle.class).execute();
        assertEquals(250, bookedOrFulfilled.getTotal());
        Bundle notBooked = client.search().forResource(Appointment.class)
                .where(new ReferenceClientParam("based-on").hasId("ServiceRequest/" + orderId))
                .and(new TokenClientParam("status").exactly().code("booked"))
                .and(new TokenClientParam("status:not").exactly().code("booked"))
                .returnBundle(Bundle.class).execute();
        assertEquals(0, notBooked.getTotal());
        Bundle cancelled = client.search().forResource(Appointment.class)
                .where(new ReferenceClientParam("patient").hasId("Patient/" + patientId))
                .and(new TokenClientParam("status").exactly().code("cancelled"))
                .returnBundle(Bundle.class).execute();
        assertEquals(0, cancelled.getTotal());
        String oneFulfilled = client.search().forResource(Appointment.class)
                .where(new ReferenceClientParam("patient").hasId("Patient/" + patientId))
                .and(new TokenClientParam("status").exactly().code("fulfilled")).count(1)
                .returnBundle(Bundle.class).execute().getEntryFirstRep().getResource().getIdElement().getIdPart();
        Bundle byIdAndCode = client.search().forResource(Appointment.class)
                .where(new TokenClientParam("_id").exactly().codes(oneFulfilled))
                .and(new TokenClientParam("status").exactly().code("fulfilled")).returnBundle(Bundle.class).execute();
        assertEquals(1, byIdAndCode.getTotal());
        Bundle byIdWrongCode = client.search().forResource(Appointment.class)
                .where(new TokenClientParam("_id").exactly().codes(oneFulfilled))
                .and(new TokenClientParam("status").exactly().code("booked")).returnBundle(Bundle.class).execute();
        assertEquals(0, byIdWrongCode.getTotal());
    }

    @Test
    void includeBringsThePersonAndTheOrderOnce() {
        Bundle b = client.search().forResource(Appointment.class)
                .where(new ReferenceClientParam("based-on").hasId("ServiceRequest/" + orderId))
                .include(new ca.uhn.fhir.model.api.Include("Appointment:patient"))
                .include(new ca.uhn.fhir.model.api.Include("Appointment:based-on"))
                .count(10).returnBundle(Bundle.class).execute();
        assertEquals(250, b.getTotal());
        long matches = b.getEntry().stream().filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH).count();
        List<String> included = b.getEntry().stream().filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE)
                .map(e -> e.getResource().fhirType()).sorted().toList();
        assertEquals(10, matches);
        assertEquals(List.of("Patient", "ServiceRequest"), included);
    }

    @Test
    void summaryCountAndElements() {
        Bundle count = client.search().forResource(Appointment.class)
                .where(new ReferenceClientParam("patient").hasId("Patient/" + patientId))
                .summaryMode(SummaryEnum.COUNT).returnBundle(Bundle.class).execute();
        assertEquals(250, count.getTotal());
        assertTrue(count.getEntry().isEmpty());

        Bundle elements = client.search().forResource(Appointment.class)
                .where(new ReferenceClientParam("patient").hasId("Patient/" + patientId))
                .elementsSubset("status").count(3).returnBundle(Bundle.class).execute();
        Appointment a = (Appointment) elements.getEntryFirstRep().getResource();
        assertTrue(a.hasStatus());
        assertFalse(a.hasStart(), "_elements=status leaves start out");
    }

    @Test
    void searchByIdentifierIdAndLastUpdated() {
        Bundle byId = client.search().forResource(Patient.class)
                .where(new TokenClientParam("_id").exactly().code(patientId)).returnBundle(Bundle.class).execute();
        assertEquals(1, byId.getTotal());
        Bundle byIdentifier = client.search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode("https://fhir.nhs.uk/Id/nhs-number", "9449305552"))
                .returnBundle(Bundle.class).execute();
        assertEquals(patientId, byIdentifier.getEntryFirstRep().getResource().getIdElement().getIdPart());
        Bundle future = client.search().forResource(Patient.class)
                .where(new DateClientParam("_lastUpdated").after().day("2999-01-01")).returnBundle(Bundle.class).execute();
        assertEquals(0, future.getTotal());
    }
}
