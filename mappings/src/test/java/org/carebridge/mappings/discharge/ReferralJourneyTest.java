package org.carebridge.mappings.discharge;

import static org.junit.jupiter.api.Assertions.*;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.carebridge.mappings.discharge.bars.BarsHeaders;
import org.carebridge.mappings.discharge.bars.BarsMessageValidator;
import org.carebridge.mappings.discharge.bars.BarsReceiver;
import org.carebridge.mappings.discharge.bars.BarsResponseBuilder;
import org.carebridge.mappings.discharge.bars.BarsValidation;
import org.carebridge.mappings.discharge.bars.MessageReplay;
import org.carebridge.mappings.discharge.bars.ReferralMessage;
import org.carebridge.rules.referrals.Brokerage;
import org.carebridge.rules.referrals.BrokerageEvent;
import org.carebridge.rules.referrals.ReferralClockRules;
import org.carebridge.rules.referrals.ReferralClocks;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

/**
 * A referral's whole journey through the pure core, as the gateway will drive it: the hospital's BaRS message
 * (the real validation-request example, made a discharge with a valid NHS number) is checked, becomes the council's
 * order, is offered to two providers as Tasks, one declines and one accepts by updating its Task, the order is
 * placed, the hospital gets its response message, and the response clock is measured. A replay and a cancellation
 * follow.
 */
class ReferralJourneyTest {
    private static final FhirContext FHIR = FhirContext.forR4();
    private static final String ENDPOINT = "http://fhir.nhs.uk/Id/dos-service-id|111111111";
    private static final BarsReceiver KENT = new BarsReceiver("kent", Set.of(ENDPOINT), null);
    private static final Instant RECEIVED = Instant.parse("2026-01-05T10:00:00Z");

    private static String hospitalMessage() throws Exception {
        Bundle b = FHIR.newJsonParser().parseResource(Bundle.class, Files.readString(
                SharedDir.barsExamples().resolve("process_message/request/ValidationRequest (POST) .json")));
        for (Bundle.BundleEntryComponent e : b.getEntry()) {
            if (e.getResource() instanceof Patient p) {
                p.getIdentifierFirstRep().setValue("9434765919");
            }
            if (e.getResource() instanceof Encounter enc) {
                enc.getClass_().setCode("IMP"); // an inpatient going home
            }
            if (e.getResource() instanceof ServiceRequest sr) {
                sr.getOccurrencePeriod().setStart(java.util.Date.from(RECEIVED.plus(Duration.ofDays(2))));
            }
        }
        return FHIR.newJsonParser().encodeResourceToString(b);
    }

    @Test
    void fromHospitalMessageThroughTwoOffersToAPlacedOrder() throws Exception {
        String body = hospitalMessage();
        String requestId = "c1ab3fba-6bae-4ba4-b257-5a87c44d4a91";

        // 1. $process-message: first delivery of this X-Request-Id is processed.
        assertInstanceOf(MessageReplay.Decision.Process.class, MessageReplay.decide(Optional.empty(), MessageReplay.digest(body)));
        Bundle message = FHIR.newJsonParser().parseResource(Bundle.class, body);
        BarsValidation v = new BarsMessageValidator(KENT).validate(message, new BarsHeaders(requestId, "corr-1"));
        assertTrue(v.accepted(), () -> v.issues().toString());
        ReferralMessage referral = v.referral().orElseThrow();
        assertTrue(referral.discharge());
        assertEquals(ReferralMessage.Action.CREATE, referral.action());

        // 2. The council's order (ServiceRequest) and the clocks: a discharge gets at least the 24-hour grade.
        ServiceRequest sent = (ServiceRequest) message.getEntry().get(1).getResource();
        ServiceRequest order = ReferralOrders.fromReferral(sent, "ref-1", "Patient/person-1");
        ReferralClocks clocks = new ReferralClocks(ReferralClockRules.forTenant("kent"));
        ReferralClocks.Request clock = new ReferralClocks.Request(RECEIVED, referral.requestedStart(), referral.priority(), true);
        assertEquals(RECEIVED.plus(Duration.ofHours(24)), clocks.deadlines(clock).respondBy());

        // 3. Brokerage offers the package to two providers: one Task each.
        AtomicInteger n = new AtomicInteger();
        Brokerage.Step offered = Brokerage.start("ref-1").offerTo(List.of("P1", "P2"), RECEIVED.plus(Duration.ofMinutes(30)),
                () -> "offer-" + n.incrementAndGet());
        List<Task> tasks = offered.brokerage().offers().stream()
                .map(o -> OfferTaskMapper.toTask(o, "ServiceRequest/ref-1", "Patient/person-1", "Organization/" + o.providerId()))
                .toList();
        assertEquals(List.of("requested", "requested"), tasks.stream().map(t -> t.getStatus().toCode()).toList());
        assertEquals(OfferTaskMapper.PROFILE, tasks.get(0).getMeta().getProfile().get(0).getValue());
        assertEquals("Organization/P1", tasks.get(0).getOwner().getReference());
        assertEquals("ServiceRequest/ref-1", tasks.get(0).getFocus().getReference());

        // 4. P2 declines, then P1 accepts, each by PUTting its Task back (through JSON, as over HTTP).
        List<BrokerageEvent> events = new ArrayList<>(offered.events());
        Brokerage b = offered.brokerage();
        for (String[] answer : new String[][] {{"offer-2", "rejected"}, {"offer-1", "accepted"}}) {
            Task update = tasks.get(Integer.parseInt(answer[0].substring(6)) - 1).copy();
            update.setStatus(Task.TaskStatus.fromCode(answer[1]));
            if (answer[1].equals("rejected")) {
                update.getStatusReason().setText("no capacity in the area");
            }
            Task received = FHIR.newJsonParser().parseResource(Task.class, FHIR.newJsonParser().encodeResourceToString(update));
            OfferTaskMapper.ProviderAnswer a = OfferTaskMapper.readAnswer(received).orElseThrow();
            Instant at = RECEIVED.plus(Duration.ofHours(3));
            Brokerage.Step step = a.accept() ? b.accept(a.offerId(), at) : b.decline(a.offerId(), a.reason(), at);
            b = step.brokerage();
            events.addAll(step.events());
        }
        assertEquals(Brokerage.State.PLACED, b.state());
        assertEquals("P1", b.accepted().orElseThrow().providerId());
        assertEquals(List.of(BrokerageEvent.OfferMade.class, BrokerageEvent.OfferMade.class, BrokerageEvent.OfferDeclined.class,
                BrokerageEvent.OfferAccepted.class), events.stream().map(Object::getClass).toList());
        Task acceptedTask = OfferTaskMapper.toTask(b.offer("offer-1").orElseThrow(), "ServiceRequest/ref-1", "Patient/person-1", "Organization/P1");
        assertEquals(Task.TaskStatus.ACCEPTED, acceptedTask.getStatus());

        // 5. The order starts with P1; the hospital is told, asynchronously, at its source.endpoint.
        ServiceRequest placed = ReferralOrders.placed(order, "Organization/P1");
        assertEquals("Organization/P1", placed.getPerformerFirstRep().getReference());
        assertEquals(ServiceRequest.ServiceRequestStatus.ACTIVE, placed.getStatus());
        assertTrue(referral.wantsAsyncResponse());
        Bundle reply = new BarsResponseBuilder(KENT, UUID::randomUUID).build(referral.bundleId(), referral.sourceEndpoint(),
                referral.senderOds(), referral.reason(), null, List.of(), RECEIVED.plus(Duration.ofHours(3)));
        MessageHeader h = (MessageHeader) reply.getEntryFirstRep().getResource();
        assertEquals(referral.bundleId(), h.getResponse().getIdentifier());
        assertEquals(referral.sourceEndpoint(), h.getDestinationFirstRep().getEndpoint());

        // 6. KPI: acknowledged within 2 h, answered within the 24 h.
        ReferralClocks.Times times = clocks.times(clock, RECEIVED.plus(Duration.ofMinutes(5)), RECEIVED.plus(Duration.ofHours(3)));
        assertTrue(times.acknowledgedInTime());
        assertTrue(times.respondedInTime());
        assertEquals(List.of(), clocks.breaches(clock, RECEIVED.plus(Duration.ofMinutes(5)), RECEIVED.plus(Duration.ofHours(3)),
                RECEIVED.plus(Duration.ofDays(2))));

        // 7. The hospital retries the same delivery: first outcome again, nothing new; a different body conflicts.
        var stored = Optional.of(new MessageReplay.StoredOutcome(MessageReplay.digest(body), 200, "first outcome"));
        MessageReplay.Decision replay = MessageReplay.decide(stored, MessageReplay.digest(body));
        assertEquals("first outcome", ((MessageReplay.Decision.Replay) replay).first().responseBody());
        MessageReplay.Decision conflict = MessageReplay.decide(stored, MessageReplay.digest(body + " "));
        assertEquals(409, ((MessageReplay.Decision.Conflict) conflict).issue().error().httpStatus());
    }

    @Test
    void aRevokedServiceRequestCancelsTheReferralAndWithdrawsItsOffers() throws Exception {
        Bundle cancel = FHIR.newJsonParser().parseResource(Bundle.class, hospitalMessage());
        ((MessageHeader) cancel.getEntryFirstRep().getResource()).getReason().getCodingFirstRep().setCode("update");
        ((ServiceRequest) cancel.getEntry().get(1).getResource()).setStatus(ServiceRequest.ServiceRequestStatus.REVOKED);

        ReferralMessage m = new BarsMessageValidator(KENT).validate(cancel, BarsHeaders.none()).referral().orElseThrow();
        assertEquals(ReferralMessage.Action.CANCEL, m.action());

        AtomicInteger n = new AtomicInteger();
        Brokerage b = Brokerage.start("ref-1").offerTo(List.of("P1", "P2"), RECEIVED, () -> "offer-" + n.incrementAndGet()).brokerage();
        Brokerage.Step s = b.cancel(RECEIVED.plus(Duration.ofHours(1)));
        assertEquals(2, s.events().size());
        assertTrue(s.events().stream().allMatch(e -> e instanceof BrokerageEvent.OfferWithdrawn));
        assertEquals(ServiceRequest.ServiceRequestStatus.REVOKED,
                ReferralOrders.revoked(ReferralOrders.fromReferral((ServiceRequest) cancel.getEntry().get(1).getResource(), "ref-1", "Patient/p")).getStatus());
    }
}
