package org.carebridge.gateway.discharge;

import org.carebridge.routes.hl7.MllpClient;

import static org.carebridge.gateway.discharge.DischargeTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.carebridge.gateway.GatewayServer;
import org.carebridge.gateway.store.ResourceStore;
import org.carebridge.profiles.Canonical;
import org.carebridge.rules.referrals.HospitalStay;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * HL7 v2 over a real MLLP socket into the running gateway: an admission of a person with a placed order is
 * acknowledged and notifies council and provider; 49 hours later (on the movable discharge clock) the scheduler
 * suspends the order and cancels its visits from the 48-hour mark; the discharge reinstates it, books those visits
 * again and asks the provider to restart; a retransmission gets the first ACK and changes nothing; A11 undoes an
 * admission.
 */
class HospitalStayOverMllpGatewayTest {
    private final IGenericClient kent = GatewayServer.client("kent");

    record Person(String nhs, String orderId, String providerRef) {}

    private Person personWithPlacedOrder() {
        String nhs = newNhsNumber();
        Patient p = new Patient();
        p.addIdentifier(new Identifier().setSystem(Canonical.NHS_NUMBER).setValue(nhs));
        String patientId = kent.create().resource(p).execute().getId().getIdPart();
        String provider = "Organization/" + kent.create().resource(new Organization().setName("Home care " + nhs)).execute().getId().getIdPart();
        ServiceRequest order = new ServiceRequest();
        order.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
        order.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        order.setSubject(new Reference("Patient/" + patientId));
        order.addPerformer(new Reference(provider));
        String orderId = kent.create().resource(order).execute().getId().getIdPart();
        return new Person(nhs, orderId, provider);
    }

    private String visit(Person p, Instant start) {
        Appointment a = new Appointment();
        a.setStatus(Appointment.AppointmentStatus.BOOKED);
        a.setStart(Date.from(start));
        a.setEnd(Date.from(start.plus(Duration.ofMinutes(30))));
        a.addBasedOn(new Reference("ServiceRequest/" + p.orderId()));
        a.addParticipant().setActor(new Reference(p.providerRef())).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        return kent.create().resource(a).execute().getId().getIdPart();
    }

    private static int port;

    /** Kent's hl7-mllp channel, configured in its routes file and applied by a reload. */
    @BeforeAll
    static void listener() {
        GatewayServer.start();   // first: a starting server empties the routes directory the file is written to
        port = Notifications.freePort();
        Notifications.kentRoutes(port);
    }

    private int port() {
        return port;
    }

    private ServiceRequest order(Person p) {
        return kent.read().resource(ServiceRequest.class).withId(p.orderId()).execute();
    }

    private Appointment.AppointmentStatus visitStatus(String id) {
        return kent.read().resource(Appointment.class).withId(id).execute().getStatus();
    }

    private List<String> kinds(Person p) {
        return Notifications.about("kent", "ServiceRequest/" + p.orderId()).stream().map(Notifications.Queued::to).toList();
    }

    private HospitalStay stay(Person p) {
        return bean(ResourceStore.class).inTenant("kent", s -> bean(HospitalStayService.class).load(s, p.nhs())).orElseThrow();
    }

    @Test
    void admissionThen49HoursThenDischarge() throws Exception {
        Person p = personWithPlacedOrder();
        Instant admitted = clock().now().truncatedTo(ChronoUnit.SECONDS);
        String beforeMark = visit(p, admitted.plus(Duration.ofHours(20)));
        String afterMark = visit(p, admitted.plus(Duration.ofHours(60)));

        try (MllpClient hospital = new MllpClient(port())) {
            String admissionId = "ADM-" + UUID.randomUUID();
            String ack = hospital.send(Adt.message("A01", admissionId, p.nhs(), admitted, null));
            assertEquals("AA", MllpClient.ackCode(ack), ack);
            // The ACK was committed with the admission before it was sent: it is there as soon as it is received.
            assertEquals(java.util.Optional.of(ack), bean(PostgresAckRepository.class)
                    .find(org.carebridge.routes.hl7.AckRepository.key("kent", "PAS", "RVV01", admissionId)));
            assertTrue(kinds(p).contains("admission->" + p.providerRef()), kinds(p).toString());
            assertEquals(HospitalStay.Status.IN_HOSPITAL, stay(p).status());

            clock().advance(Duration.ofHours(47));
            bean(DischargeScheduler.class).tick("kent");
            assertEquals(ServiceRequest.ServiceRequestStatus.ACTIVE, order(p).getStatus(), "still within 48 hours");

            clock().advance(Duration.ofHours(2));
            bean(DischargeScheduler.class).tick("kent");
            assertEquals(ServiceRequest.ServiceRequestStatus.ONHOLD, order(p).getStatus(), "suspended after 48 hours");
            assertEquals(Appointment.AppointmentStatus.BOOKED, visitStatus(beforeMark), "visits before the mark stay");
            assertEquals(Appointment.AppointmentStatus.CANCELLED, visitStatus(afterMark));
            assertTrue(kinds(p).contains("suspension->" + p.providerRef()));
            bean(DischargeScheduler.class).tick("kent");
            assertEquals(1, kinds(p).stream().filter(k -> k.startsWith("suspension->Organization")).count(), "suspended once");

            Instant out = admitted.plus(Duration.ofHours(50));
            String dischargeMessage = Adt.message("A03", "DIS-" + UUID.randomUUID(), p.nhs(), admitted, out);
            String dischargeAck = hospital.send(dischargeMessage);
            assertEquals("AA", MllpClient.ackCode(dischargeAck));
            assertEquals(ServiceRequest.ServiceRequestStatus.ACTIVE, order(p).getStatus(), "reinstated on discharge");
            assertEquals(Appointment.AppointmentStatus.BOOKED, visitStatus(afterMark), "visits after the discharge booked again");
            assertTrue(kinds(p).contains("restart->" + p.providerRef()));
            assertEquals(HospitalStay.Status.DISCHARGED, stay(p).status());

            // the engine resends the discharge: the same ACK, byte for byte, and no second restart
            int before = kinds(p).size();
            assertEquals(dischargeAck, hospital.send(dischargeMessage));
            assertEquals(before, kinds(p).size());
        }
        // the ACK survives in PostgreSQL: a new connection gets it too
        try (MllpClient again = new MllpClient(port())) {
            String ack = again.send(Adt.message("A01", "ADM-REPEAT-" + p.nhs(), p.nhs(), clock().now(), null));
            assertEquals(ack, again.send(Adt.message("A01", "ADM-REPEAT-" + p.nhs(), p.nhs(), clock().now(), null)));
        }
    }

    @Test
    void thePersonsPlacedOrdersAreFoundAmongTheirReferralsWhateverTheirJson() {
        Person p = personWithPlacedOrder();
        String patient = order(p).getSubject().getReference();
        for (int i = 0; i < 3; i++) {     // referrals not placed yet: active, no performer
            ServiceRequest referral = new ServiceRequest();
            referral.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
            referral.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
            referral.setSubject(new Reference(patient));
            referral.getCode().setText("not a performer: \"performer\"");   // the word alone does not make one
            kent.create().resource(referral).execute();
        }
        ServiceRequest byIdentifier = new ServiceRequest();      // a performer known by identifier only: placed too
        byIdentifier.setStatus(ServiceRequest.ServiceRequestStatus.ONHOLD);
        byIdentifier.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        byIdentifier.setSubject(new Reference(patient));
        byIdentifier.addPerformer().setIdentifier(new Identifier().setSystem(Canonical.ODS_ORGANIZATION).setValue("VABCD"));
        String held = kent.create().resource(byIdentifier).execute().getId().getIdPart();

        FhirLookups lookups = bean(FhirLookups.class);
        List<String> placed = bean(ResourceStore.class).inTenant("kent", s -> lookups.placedOrders(s, patient.substring(8)))
                .stream().map(o -> o.getIdElement().getIdPart()).sorted().toList();
        assertEquals(java.util.stream.Stream.of(p.orderId(), held).sorted().toList(), placed);
        assertEquals(java.util.Optional.of(patient.substring(8)),
                bean(ResourceStore.class).inTenant("kent", s -> lookups.patientIdByNhsNumber(s, p.nhs())));
        assertEquals(patient.substring(8), bean(ResourceStore.class).inTenant("kent", s -> lookups.patientByNhsNumber(s, p.nhs()))
                .orElseThrow().getIdElement().getIdPart());
    }

    @Test
    void a11UndoesTheAdmission() throws Exception {
        Person p = personWithPlacedOrder();
        Instant admitted = clock().now().truncatedTo(ChronoUnit.SECONDS);
        try (MllpClient hospital = new MllpClient(port())) {
            assertEquals("AA", MllpClient.ackCode(hospital.send(Adt.message("A01", "A-" + UUID.randomUUID(), p.nhs(), admitted, null))));
            assertEquals("AA", MllpClient.ackCode(hospital.send(Adt.message("A11", "C-" + UUID.randomUUID(), p.nhs(), admitted, null))));
        }
        assertEquals(HospitalStay.Status.ADMISSION_CANCELLED, stay(p).status());
        assertTrue(kinds(p).contains("admission-cancelled->" + p.providerRef()));

        clock().advance(Duration.ofHours(49));
        bean(DischargeScheduler.class).tick("kent");
        assertEquals(ServiceRequest.ServiceRequestStatus.ACTIVE, order(p).getStatus(), "no suspension after a cancelled admission");
    }

    @Test
    void aMessageWithoutAValidNhsNumberIsRefusedWithAe() throws Exception {
        try (MllpClient hospital = new MllpClient(port())) {
            String ack = hospital.send(Adt.message("A01", "BAD-" + UUID.randomUUID(), "1234567890", clock().now(), null));
            assertEquals("AE", MllpClient.ackCode(ack));
        }
    }
}
