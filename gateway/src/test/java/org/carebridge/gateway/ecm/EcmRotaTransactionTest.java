package org.carebridge.gateway.ecm;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.carebridge.gateway.GatewayServer;
import org.carebridge.gateway.store.ResourceStore;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rota intake of a transaction Bundle takes its visits together (after the last entry): every visit is planned
 * with the ids its order, person and provider resolve to, whichever way the person is referenced; a re-plan of
 * the same Appointment moves the visit; each refusal names the entry it is about, with the reason a single write
 * would give, and leaves nothing of the Bundle behind.
 */
class EcmRotaTransactionTest {
    static final String T = "kent";
    static final Instant DAY0 = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(2));
    static IGenericClient council;
    static final Map<String, String> ids = new HashMap<>();

    @BeforeAll
    static void setUp() {
        GatewayServer.start();
        council = GatewayServer.client(T);
        Organization org = new Organization().setName("Rota Care");
        org.addIdentifier().setSystem(Canonical.ODS_ORGANIZATION).setValue("RT1");
        ids.put("org", create(org));
        ids.put("nameless", create(new Organization().setName("No codes")));
        for (int i = 1; i <= 3; i++) {
            Patient p = new Patient();
            p.addIdentifier().setSystem(Canonical.MOSAIC_PERSON).setValue("RT-P" + i);
            ids.put("P" + i, create(p));
            ids.put("O" + i, create(order("RT-O" + i, ids.get("P" + i), ids.get("org"))));
        }
        ids.put("O-nameless", create(order("RT-O9", ids.get("P1"), ids.get("nameless"))));
    }

    @Test
    void aBundlesVisitsArePlannedWithTheirResolvedIds() {
        Bundle rota = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int p = 1; p <= 3; p++) {
            for (int d = 0; d < 3; d++) {
                Appointment a = visit("RT-V" + p + "-" + d, "O" + p, "P" + p, DAY0.plus(Duration.ofDays(d)));
                if (p == 3) { // the person by identifier instead of by reference
                    a.getParticipantFirstRep().setActor(new Reference().setIdentifier(
                            new org.hl7.fhir.r4.model.Identifier().setSystem(Canonical.MOSAIC_PERSON).setValue("RT-P3")));
                }
                rota.addEntry(post(a));
            }
        }
        Bundle response = council.transaction().withBundle(rota).execute();
        assertEquals(9, response.getEntry().size());
        for (int p = 1; p <= 3; p++) {
            for (int d = 0; d < 3; d++) {
                String visit = "RT-V" + p + "-" + d;
                String appointment = new org.hl7.fhir.r4.model.IdType(response.getEntry().get((p - 1) * 3 + d)
                        .getResponse().getLocation()).getIdPart();
                assertEquals(List.of("rt1", "RT-O" + p, "RT-P" + p, appointment, ids.get("O" + p),
                                ids.get("P" + p), ids.get("org"),
                                DAY0.plus(Duration.ofDays(d)).toString()),
                        row(visit), visit);
            }
        }

        // A re-plan of one of them in a later Bundle moves the visit and keeps its Appointment.
        String id = new org.hl7.fhir.r4.model.IdType(response.getEntry().get(0).getResponse().getLocation()).getIdPart();
        Appointment moved = visit("RT-V1-0", "O1", "P1", DAY0.plus(Duration.ofHours(5)));
        moved.setId(id);
        Bundle replan = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        replan.addEntry().setResource(moved).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Appointment/" + id);
        council.transaction().withBundle(replan).execute();
        assertEquals(DAY0.plus(Duration.ofHours(5)).toString(), row("RT-V1-0").get(7));
        assertEquals(id, row("RT-V1-0").get(3));
    }

    /**
     * Visits written one by one in one transaction share what was read of their order (an admission cancels a
     * week of visits so), but not past a write of that order: a visit after the order has moved to another
     * provider is planned with the new one.
     */
    @Test
    void oneTransactionsVisitsFollowAnOrderChangedBetweenThem() {
        Organization other = new Organization().setName("Other Care");
        other.addIdentifier().setSystem(Canonical.ODS_ORGANIZATION).setValue("RT2");
        String otherOrg = create(other);
        String order = create(order("RT-O5", ids.get("P2"), ids.get("org")));
        var repository = GatewayServer.start().getApplicationContext().getBean(org.carebridge.gateway.fhir.ResourceRepository.class);
        GatewayServer.start().getApplicationContext().getBean(ResourceStore.class).inTenant(T, s -> {
            repository.create(s, visitOn("RT-V5-0", order, DAY0), null);
            ServiceRequest moved = order("RT-O5", ids.get("P2"), otherOrg);
            moved.setId(order);
            repository.update(s, new org.hl7.fhir.r4.model.IdType("ServiceRequest", order), moved, null);
            repository.create(s, visitOn("RT-V5-1", order, DAY0.plus(Duration.ofDays(1))), null);
            return null;
        });
        assertEquals("rt1", row("RT-V5-0").get(0));
        assertEquals(ids.get("org"), row("RT-V5-0").get(6));
        assertEquals("rt2", row("RT-V5-1").get(0), "planned with the order as it stands when the visit is written");
        assertEquals(otherOrg, row("RT-V5-1").get(6));
    }

    static Appointment visitOn(String visitId, String orderId, Instant start) {
        Appointment a = visit(visitId, "O2", "P2", start);
        a.getBasedOnFirstRep().setReference("ServiceRequest/" + orderId);
        return a;
    }

    @Test
    void eachRefusalNamesItsEntryAndKeepsNothingOfTheBundle() {
        refused(422, "Bundle.entry[2]: Appointment.basedOn: the order of a planned visit must be a ServiceRequest/{id}"
                + " the gateway holds", good("RT-X1"), good("RT-X2"), visit("RT-X3", null, "P1", DAY0));
        refused(422, "Bundle.entry[1]: ServiceRequest.performer: the visit's order names no provider organisation"
                + " with an ODS code or CQC location id", good("RT-X1"), visit("RT-X2", "O-nameless", "P1", DAY0));
        Appointment backwards = good("RT-X2");
        backwards.setEnd(Date.from(DAY0.minus(Duration.ofMinutes(1))));
        refused(422, "Bundle.entry[1]: Appointment.end: end is not after start", good("RT-X1"), backwards);
        Appointment stranger = good("RT-X2");
        stranger.getParticipantFirstRep().setActor(new Reference("Patient/rt-nobody"));
        refused(422, "Bundle.entry[1]: Appointment.participant: unknown Patient rt-nobody (or send its identifier)",
                good("RT-X1"), stranger);
        // The same visit twice in one Bundle, as two Appointments: the second is refused as a single write would be.
        refused(400, "Bundle.entry[1]: Appointment.identifier: visit RT-X1 is already planned as Appointment/",
                good("RT-X1"), good("RT-X1"));
        for (String v : List.of("RT-X1", "RT-X2", "RT-X3")) {
            assertEquals(List.of(), row(v), v + " was not planned");
            assertEquals(0, council.search().forResource(Appointment.class)
                    .where(Appointment.IDENTIFIER.exactly().systemAndIdentifier(Canonical.ECM_VISIT, v))
                    .returnBundle(Bundle.class).execute().getEntry().size(), v + " was not stored");
        }

        // A visit planned by an earlier Bundle cannot be planned again as another Appointment; a single write neither.
        Bundle first = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        first.addEntry(post(good("RT-X4")));
        String planned = new org.hl7.fhir.r4.model.IdType(council.transaction().withBundle(first).execute()
                .getEntry().get(0).getResponse().getLocation()).getIdPart();
        refused(400, "Bundle.entry[1]: Appointment.identifier: visit RT-X4 is already planned as Appointment/" + planned
                + "; update that one", good("RT-X5"), good("RT-X4"));
        BaseServerResponseException single = assertThrows(BaseServerResponseException.class,
                () -> council.create().resource(good("RT-X4")).execute());
        assertEquals(400, single.getStatusCode());
        assertTrue(single.getMessage().contains("Appointment.identifier: visit RT-X4 is already planned as Appointment/"
                + planned) && !single.getMessage().contains("Bundle.entry"), single.getMessage());
        assertEquals(List.of(), row("RT-X5"));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    static void refused(int status, String message, Appointment... visits) {
        Bundle b = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Appointment a : visits) b.addEntry(post(a));
        BaseServerResponseException e = assertThrows(BaseServerResponseException.class,
                () -> council.transaction().withBundle(b).execute());
        assertEquals(status, e.getStatusCode(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    /** provider, order number, person, Appointment, order, patient and provider resource ids, start; or empty. */
    static List<String> row(String visitId) {
        return GatewayServer.start().getApplicationContext().getBean(ResourceStore.class).inTenant(T, s -> {
            try (var ps = s.connection().prepareStatement("select provider_id, order_number, client_id, appointment_id,"
                    + " order_res_id, patient_res_id, provider_res_id, planned_start from ecm_visit"
                    + " where tenant = ? and visit_id = ?")) {
                ps.setString(1, T);
                ps.setString(2, visitId);
                try (var rs = ps.executeQuery()) {
                    List<String> out = new ArrayList<>();
                    if (rs.next()) {
                        for (int i = 1; i <= 7; i++) out.add(rs.getString(i));
                        out.add(rs.getTimestamp(8).toInstant().toString());
                    }
                    return out;
                }
            }
        });
    }

    static String create(org.hl7.fhir.r4.model.Resource r) {
        return council.create().resource(r).execute().getId().getIdPart();
    }

    static ServiceRequest order(String number, String patient, String org) {
        ServiceRequest sr = new ServiceRequest().setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE)
                .setIntent(ServiceRequest.ServiceRequestIntent.ORDER).setSubject(new Reference("Patient/" + patient));
        sr.addIdentifier().setSystem(Canonical.MOSAIC_ORDER).setValue(number);
        sr.addPerformer(new Reference("Organization/" + org));
        return sr;
    }

    static Appointment good(String visitId) {
        return visit(visitId, "O1", "P1", DAY0);
    }

    /** A planned visit of 30 minutes; {@code order} null: an order the gateway does not hold. */
    static Appointment visit(String visitId, String order, String person, Instant start) {
        Appointment a = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED)
                .setStart(Date.from(start)).setEnd(Date.from(start.plus(Duration.ofMinutes(30))));
        a.addIdentifier().setSystem(Canonical.ECM_VISIT).setValue(visitId);
        a.addBasedOn(new Reference("ServiceRequest/" + (order == null ? "rt-unknown-order" : ids.get(order))));
        a.addParticipant().setActor(new Reference("Patient/" + ids.get(person)))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        return a;
    }

    static Bundle.BundleEntryComponent post(Appointment a) {
        Bundle.BundleEntryComponent e = new Bundle.BundleEntryComponent().setResource(a);
        e.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Appointment");
        return e;
    }
}
