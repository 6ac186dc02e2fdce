package org.carebridge.gateway.discharge;

import static org.carebridge.gateway.discharge.BarsMessages.*;
import static org.carebridge.gateway.discharge.DischargeTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import org.carebridge.gateway.GatewayServer;
import org.carebridge.gateway.store.ResourceStore;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A referral's whole journey through the running gateway: a hospital's discharge referral, offers to three
 * providers, one declines, one accepts (the order is placed with it and started), the third offer is withdrawn and
 * can no longer be accepted; every step is a notification; the response times are recorded.
 */
class BrokerageJourneyTest {
    private final IGenericClient kent = GatewayServer.client("kent");

    private ServiceRequest referralReceived(String nhs) {
        Response r = post("kent", "$process-message", json(referral(nhs, "D-" + UUID.randomUUID(), discharge())),
                UUID.randomUUID().toString(), UUID.randomUUID().toString());
        assertEquals(200, r.status(), r.body());
        return ProcessMessageTest.orderOf(ProcessMessageTest.onePatient(nhs));
    }

    /** Organization reference -> a provider-office token of that provider (its ODS code is the token's org). */
    private final Map<String, String> providerTokens = new java.util.concurrent.ConcurrentHashMap<>();

    private String provider(String name) {
        String ods = "BJ" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Organization o = new Organization().setName(name);
        o.addIdentifier().setSystem(org.carebridge.profiles.Canonical.ODS_ORGANIZATION).setValue(ods);
        String ref = "Organization/" + kent.create().resource(o).execute().getId().getIdPart();
        providerTokens.put(ref, org.carebridge.gateway.security.TestIssuer.token().sub("office-" + ods).org(ods)
                .orgType("provider").roles("provider-office").scope("system/*.rs system/Task.cu").sign());
        return ref;
    }

    /** The provider an offer is made to, answering it through the FHIR API with its own token. */
    private IGenericClient providerOf(Task offer) {
        return GatewayServer.client("kent", providerTokens.get(offer.getOwner().getReference()));
    }

    private List<Task> offer(ServiceRequest order, String... providers) {
        Parameters p = new Parameters();
        for (String provider : providers) {
            p.addParameter().setName("provider").setValue(new Reference(provider));
        }
        Bundle b = kent.operation().onInstance(new IdType("ServiceRequest", order.getIdElement().getIdPart())).named("$offer")
                .withParameters(p).returnResourceType(Bundle.class).execute();
        return b.getEntry().stream().map(e -> (Task) e.getResource()).toList();
    }

    private Task read(Task t) {
        return kent.read().resource(Task.class).withId(t.getIdElement().getIdPart()).execute();
    }

    private void answer(Task offer, Task.TaskStatus status, String reason) {
        IGenericClient provider = providerOf(offer);
        Task t = provider.read().resource(Task.class).withId(offer.getIdElement().getIdPart()).execute();
        t.setStatus(status);
        if (reason != null) t.setStatusReason(new CodeableConcept().setText(reason));
        provider.update().resource(t).execute();
    }

    @Test
    void twoOffersOutOneDeclinedOneAcceptedTheOrderStarts() {
        ServiceRequest order = referralReceived(newNhsNumber());
        String a = provider("Care A"), b = provider("Care B"), c = provider("Care C");

        List<Task> offers = offer(order, a, b, c);

        assertEquals(3, offers.size());
        Map<String, Task> byProvider = offers.stream().collect(Collectors.toMap(t -> t.getOwner().getReference(), Function.identity()));
        for (Task t : offers) {
            assertEquals(Task.TaskStatus.REQUESTED, t.getStatus());
            assertEquals("ServiceRequest/" + order.getIdElement().getIdPart(), t.getFocus().getReference());
        }
        assertEquals(Task.TaskStatus.INPROGRESS, ProcessMessageTest.brokerageTask(order).getStatus(), "brokerage at work");

        answer(byProvider.get(a), Task.TaskStatus.REJECTED, "no capacity in the area");
        answer(byProvider.get(b), Task.TaskStatus.ACCEPTED, null);

        assertEquals(Task.TaskStatus.REJECTED, read(byProvider.get(a)).getStatus());
        assertEquals(Task.TaskStatus.ACCEPTED, read(byProvider.get(b)).getStatus());
        Task withdrawn = read(byProvider.get(c));
        assertEquals(Task.TaskStatus.CANCELLED, withdrawn.getStatus(), "the other open offer is withdrawn");
        ServiceRequest placed = kent.read().resource(ServiceRequest.class).withId(order.getIdElement().getIdPart()).execute();
        assertEquals(ServiceRequest.ServiceRequestStatus.ACTIVE, placed.getStatus());
        assertEquals(b, placed.getPerformerFirstRep().getReference(), "placed with the provider that accepted first");
        assertEquals(Task.TaskStatus.COMPLETED, ProcessMessageTest.brokerageTask(order).getStatus());

        // The withdrawn provider answers late: refused, nothing changes.
        Task late = providerOf(byProvider.get(c)).read().resource(Task.class).withId(withdrawn.getIdElement().getIdPart()).execute();
        late.setStatus(Task.TaskStatus.ACCEPTED);
        assertThrows(ResourceVersionConflictException.class, () -> providerOf(byProvider.get(c)).update().resource(late).execute());
        assertEquals(Task.TaskStatus.CANCELLED, read(byProvider.get(c)).getStatus());

        String orderRef = "ServiceRequest/" + order.getIdElement().getIdPart();
        assertTrue(Notifications.about("kent", orderRef).stream().anyMatch(e -> e.to().equals("order-started->" + b)));
        assertEquals(List.of("offer", "offer-withdrawn"),
                Notifications.kinds("kent", "Task/" + byProvider.get(c).getIdElement().getIdPart()));
        assertEquals(List.of("offer", "offer-declined"),
                Notifications.kinds("kent", "Task/" + byProvider.get(a).getIdElement().getIdPart()));

        // KPI times: the council acknowledged (offers made) and responded (placed); the provider's answer time too.
        ReferralClockStore clocks = bean(ReferralClockStore.class);
        ReferralClockStore.Kpi council = bean(ResourceStore.class).inTenant("kent", s -> clocks.kpi(s, orderRef)).orElseThrow();
        assertNotNull(council.acknowledgedAt());
        assertNotNull(council.respondedAt());
        assertEquals("medium", council.grade(), "a discharge is graded at least medium (24 h)");
        ReferralClockStore.Kpi providerB = bean(ResourceStore.class).inTenant("kent",
                s -> clocks.kpi(s, "Task/" + byProvider.get(b).getIdElement().getIdPart())).orElseThrow();
        assertNotNull(providerB.respondedAt());
    }

    @Test
    void twoProvidersAcceptingAtOnceOnlyOneWins() throws Exception {
        ServiceRequest order = referralReceived(newNhsNumber());
        List<Task> offers = offer(order, provider("Care G"), provider("Care H"));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
        try {
            for (Task offerTask : offers) {
                IGenericClient provider = providerOf(offerTask);
                Task t = provider.read().resource(Task.class).withId(offerTask.getIdElement().getIdPart()).execute();
                t.setStatus(Task.TaskStatus.ACCEPTED);
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        provider.update().resource(t).execute();
                        return true;
                    } catch (ResourceVersionConflictException | ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException e) {
                        // 409 (offer withdrawn / answer in flight) or 412 (the Task changed since it was read)
                        return false;
                    }
                }));
            }
            go.countDown();
            int wins = 0;
            for (var f : results) wins += f.get(60, java.util.concurrent.TimeUnit.SECONDS) ? 1 : 0;
            assertEquals(1, wins, "exactly one acceptance wins");
        } finally {
            pool.shutdownNow();
        }
        List<Task.TaskStatus> statuses = offers.stream().map(t -> read(t).getStatus()).sorted().toList();
        assertEquals(List.of(Task.TaskStatus.ACCEPTED, Task.TaskStatus.CANCELLED), statuses);
        ServiceRequest placed = kent.read().resource(ServiceRequest.class).withId(order.getIdElement().getIdPart()).execute();
        Task winner = offers.stream().map(this::read).filter(t -> t.getStatus() == Task.TaskStatus.ACCEPTED).findFirst().orElseThrow();
        assertEquals(winner.getOwner().getReference(), placed.getPerformerFirstRep().getReference());
    }

    @Test
    void aProviderCannotAnswerAnotherProvidersOffer() {
        ServiceRequest order = referralReceived(newNhsNumber());
        List<Task> offers = offer(order, provider("Care J"), provider("Care K"));
        Task theirs = read(offers.get(1));
        theirs.setStatus(Task.TaskStatus.ACCEPTED);
        assertThrows(ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException.class,
                () -> providerOf(offers.get(0)).update().resource(theirs).execute());
        assertThrows(ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException.class,
                () -> providerOf(offers.get(0)).read().resource(Task.class).withId(theirs.getIdElement().getIdPart()).execute());
        assertEquals(Task.TaskStatus.REQUESTED, read(offers.get(1)).getStatus());
    }

    @Test
    void offersAreNotWrittenDirectly() {
        Task t = new Task();
        t.getMeta().addProfile(org.carebridge.mappings.discharge.OfferTaskMapper.PROFILE);
        t.setStatus(Task.TaskStatus.ACCEPTED);
        t.setIntent(Task.TaskIntent.ORDER);
        assertThrows(ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException.class, () -> kent.create().resource(t).execute());
    }

    @Test
    void whenEveryProviderDeclinesBrokerageIsAlertedAndMayOfferAgain() {
        ServiceRequest order = referralReceived(newNhsNumber());
        String a = provider("Care D");
        Task only = offer(order, a).get(0);

        answer(only, Task.TaskStatus.REJECTED, "no carers");

        Bundle alerts = kent.search().forResource(Task.class)
                .where(Task.FOCUS.hasId("ServiceRequest/" + order.getIdElement().getIdPart()))
                .and(Task.CODE.exactly().systemAndCode(DischargeCodes.ALERT_SYSTEM, DischargeCodes.ALL_OFFERS_DECLINED))
                .returnBundle(Bundle.class).execute();
        assertEquals(1, alerts.getEntry().size());
        assertEquals(1, offer(order, provider("Care E")).size(), "a new offer after every decline");
    }

    @Test
    void anOfferCannotBeAnsweredWithAnythingButAcceptOrDecline() {
        ServiceRequest order = referralReceived(newNhsNumber());
        Task offer = offer(order, provider("Care F")).get(0);
        Task t = providerOf(offer).read().resource(Task.class).withId(offer.getIdElement().getIdPart()).execute();
        t.setStatus(Task.TaskStatus.COMPLETED);
        assertThrows(ca.uhn.fhir.rest.server.exceptions.InvalidRequestException.class, () -> providerOf(offer).update().resource(t).execute());
    }
}
