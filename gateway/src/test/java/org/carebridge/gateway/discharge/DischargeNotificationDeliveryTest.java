package org.carebridge.gateway.discharge;

import org.carebridge.routes.hl7.MllpClient;

import static org.carebridge.gateway.discharge.BarsMessages.*;
import static org.carebridge.gateway.discharge.DischargeTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.carebridge.gateway.GatewayServer;
import org.carebridge.gateway.outbox.OutboxDispatcher;
import org.carebridge.gateway.routes.AdminClient;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import com.github.tomakehurst.wiremock.client.WireMock;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Discharge's notifications as providers receive them: each provider has rest-hook Subscriptions (its offer Tasks,
 * its orders, its visits) on a WireMock receiver. A referral offered to two providers, one accepts: the winner hears
 * of its offer and the started order, the other of its offer and the withdrawal — and neither ever hears of the
 * other's offer. Then the person is admitted over MLLP and, 49 hours later, the winner receives the admission,
 * the suspension and the cancelled visit.
 */
class DischargeNotificationDeliveryTest {
    private static WireMockServer wm;
    private static int mllpPort;
    private final IGenericClient kent = GatewayServer.client("kent");

    @BeforeAll
    static void start() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
        wm.stubFor(WireMock.post(urlPathMatching("/hook/.*")).willReturn(ok()));
        GatewayServer.start();
        mllpPort = Notifications.freePort();
        Notifications.kentRoutes(mllpPort);
    }

    @AfterAll
    static void stop() {
        wm.stop();
    }

    /** A provider with Subscriptions for its offers, orders and visits, all to /hook/{name}. */
    private String provider(String name) {
        String ref = "Organization/" + kent.create().resource(new Organization().setName(name)).execute().getId().getIdPart();
        for (String criteria : List.of("Task?owner=" + ref, "ServiceRequest?performer=" + ref, "Appointment?actor=" + ref)) {
            Subscription s = new Subscription();
            s.setStatus(Subscription.SubscriptionStatus.ACTIVE);
            s.setReason("discharge notifications for " + name);
            s.setCriteria(criteria);
            s.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK).setEndpoint(wm.baseUrl() + "/hook/" + name)
                    .setPayload("application/fhir+json");
            kent.create().resource(s).execute();
        }
        return ref;
    }

    record Received(String event, String focus, String body) {}

    /** What the provider's receiver accepted, deduplicated on X-Delivery-Id, in arrival order. */
    private static List<Received> received(String name) {
        List<ServeEvent> events = new java.util.ArrayList<>(wm.getAllServeEvents());
        events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        java.util.Map<String, Received> byDelivery = new java.util.LinkedHashMap<>();
        for (ServeEvent e : events) {
            if (!e.getRequest().getUrl().equals("/hook/" + name)) continue;
            byDelivery.putIfAbsent(e.getRequest().getHeader(OutboxDispatcher.DELIVERY_ID), new Received(
                    e.getRequest().getHeader("X-CareBridge-Event"), e.getRequest().getHeader("X-CareBridge-Focus"),
                    e.getRequest().getBodyAsString()));
        }
        return List.copyOf(byDelivery.values());
    }

    private static List<String> events(String name) {
        return received(name).stream().map(r -> r.event() + " " + r.focus()).toList();
    }

    private static void awaitReceived(String name, String event, String focus) {
        AdminClient.await(name + " receives " + event + " " + focus, () -> events(name).contains(event + " " + focus));
    }

    @Test
    void providersHearOfTheirOwnOffersOnlyAndTheWinnerOfTheSuspension() throws Exception {
        String nhs = newNhsNumber();
        Response r = post("kent", "$process-message", json(referral(nhs, "D-" + UUID.randomUUID(), discharge())),
                UUID.randomUUID().toString(), UUID.randomUUID().toString());
        assertEquals(200, r.status(), r.body());
        ServiceRequest order = ProcessMessageTest.orderOf(ProcessMessageTest.onePatient(nhs));
        String orderRef = "ServiceRequest/" + order.getIdElement().getIdPart();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String winnerName = "winner-" + suffix, otherName = "other-" + suffix;
        String winner = provider(winnerName), other = provider(otherName);

        Parameters p = new Parameters();
        p.addParameter().setName("provider").setValue(new Reference(winner));
        p.addParameter().setName("provider").setValue(new Reference(other));
        Bundle offers = kent.operation().onInstance(new IdType("ServiceRequest", order.getIdElement().getIdPart())).named("$offer")
                .withParameters(p).returnResourceType(Bundle.class).execute();
        Task winnerOffer = null, otherOffer = null;
        for (Bundle.BundleEntryComponent e : offers.getEntry()) {
            Task t = (Task) e.getResource();
            if (winner.equals(t.getOwner().getReference())) winnerOffer = t;
            else otherOffer = t;
        }
        assertNotNull(winnerOffer);
        assertNotNull(otherOffer);
        String winnerTask = "Task/" + winnerOffer.getIdElement().getIdPart();
        String otherTask = "Task/" + otherOffer.getIdElement().getIdPart();

        // Each provider receives its own offer, with the Task as payload.
        awaitReceived(winnerName, "offer", winnerTask);
        awaitReceived(otherName, "offer", otherTask);
        Received offer = received(winnerName).get(0);
        Task sent = GatewayServer.ctx().newJsonParser().parseResource(Task.class, offer.body());
        assertEquals(orderRef, sent.getFocus().getReference());
        assertEquals(winner, sent.getOwner().getReference());

        // The winner accepts (here as council staff, for the provider, on the provider's Task).
        Task accept = kent.read().resource(Task.class).withId(winnerOffer.getIdElement().getIdPart()).execute();
        accept.setStatus(Task.TaskStatus.ACCEPTED);
        kent.update().resource(accept).execute();

        // The journey holds: one accepted Task, the other withdrawn, the order placed with the winner and active.
        assertEquals(Task.TaskStatus.ACCEPTED, kent.read().resource(Task.class).withId(winnerOffer.getIdElement().getIdPart()).execute().getStatus());
        assertEquals(Task.TaskStatus.CANCELLED, kent.read().resource(Task.class).withId(otherOffer.getIdElement().getIdPart()).execute().getStatus());
        ServiceRequest placed = kent.read().resource(ServiceRequest.class).withId(order.getIdElement().getIdPart()).execute();
        assertEquals(ServiceRequest.ServiceRequestStatus.ACTIVE, placed.getStatus());
        assertEquals(winner, placed.getPerformerFirstRep().getReference());

        awaitReceived(winnerName, "order-started", orderRef);
        awaitReceived(otherName, "offer-withdrawn", otherTask);
        ServiceRequest started = GatewayServer.ctx().newJsonParser().parseResource(ServiceRequest.class,
                received(winnerName).stream().filter(x -> x.event().equals("order-started")).findFirst().orElseThrow().body());
        assertEquals(ServiceRequest.ServiceRequestStatus.ACTIVE, started.getStatus());

        // A visit of the order after the 48-hour mark, then the person is admitted.
        Instant admitted = clock().now().truncatedTo(ChronoUnit.SECONDS);
        Appointment visit = new Appointment();
        visit.setStatus(Appointment.AppointmentStatus.BOOKED);
        visit.setStart(Date.from(admitted.plus(Duration.ofHours(60))));
        visit.setEnd(Date.from(admitted.plus(Duration.ofHours(60).plusMinutes(30))));
        visit.addBasedOn(new Reference(orderRef));
        visit.addParticipant().setActor(new Reference(winner)).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        String visitRef = "Appointment/" + kent.create().resource(visit).execute().getId().getIdPart();
        try (MllpClient hospital = new MllpClient(mllpPort)) {
            assertEquals("AA", MllpClient.ackCode(hospital.send(Adt.message("A01", "ADM-" + UUID.randomUUID(), nhs, admitted, null))));
        }
        awaitReceived(winnerName, "admission", orderRef);
        clock().advance(Duration.ofHours(49));
        bean(DischargeScheduler.class).tick("kent");
        awaitReceived(winnerName, "suspension", orderRef);
        awaitReceived(winnerName, "visit-cancelled", visitRef);
        ServiceRequest suspended = GatewayServer.ctx().newJsonParser().parseResource(ServiceRequest.class,
                received(winnerName).stream().filter(x -> x.event().equals("suspension")).findFirst().orElseThrow().body());
        assertEquals(ServiceRequest.ServiceRequestStatus.ONHOLD, suspended.getStatus());

        // The other provider heard of its offer and its withdrawal, nothing about the winner's offer or the person's care.
        assertEquals(List.of("offer " + otherTask, "offer-withdrawn " + otherTask), events(otherName));
        for (Received x : received(otherName)) {
            assertFalse(x.body().contains(winnerOffer.getIdElement().getIdPart()), "the other provider never sees the winner's offer");
        }
        String otherOfferId = otherOffer.getIdElement().getIdPart();
        assertTrue(received(winnerName).stream().noneMatch(x -> x.focus().equals(otherTask) || x.body().contains(otherOfferId)),
                "the winner never hears of the offer to the other provider");
    }
}
