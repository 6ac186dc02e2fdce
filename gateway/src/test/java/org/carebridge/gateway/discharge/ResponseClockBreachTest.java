package org.carebridge.gateway.discharge;

import static org.carebridge.gateway.discharge.BarsMessages.*;
import static org.carebridge.gateway.discharge.DischargeTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.carebridge.gateway.GatewayServer;
import org.carebridge.mappings.discharge.BreachAlerts;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Response clocks through the running gateway on the movable clock: a discharge referral nobody acknowledges
 * to start in 10 days (band: 72 h) raises one acknowledgement-overdue alert after 2 hours and one response-overdue
 * alert after 24 hours (a discharge is graded at least medium: 24 h), each once however often the scheduler runs; an acknowledged referral
 * raises no acknowledgement alert.
 */
class ResponseClockBreachTest {
    private final IGenericClient kent = GatewayServer.client("kent");

    private ServiceRequest dischargeReferral() {
        String nhs = newNhsNumber();
        Response r = post("kent", "$process-message", json(referral(nhs, "C-" + UUID.randomUUID(),
                        discharge().andThen(noAsyncResponse()).andThen(startsAt(clock().now().plus(Duration.ofDays(10)))))),
                UUID.randomUUID().toString(), UUID.randomUUID().toString());
        assertEquals(200, r.status(), r.body());
        return ProcessMessageTest.orderOf(ProcessMessageTest.onePatient(nhs));
    }

    private List<String> alerts(ServiceRequest order) {
        Bundle b = kent.search().forResource(Task.class)
                .where(Task.FOCUS.hasId("ServiceRequest/" + order.getIdElement().getIdPart()))
                .returnBundle(Bundle.class).execute();
        return b.getEntry().stream().map(e -> (Task) e.getResource())
                .filter(t -> t.getCode().getCoding().stream().anyMatch(c -> BreachAlerts.CODE_SYSTEM.equals(c.getSystem())))
                .map(t -> t.getCode().getCodingFirstRep().getCode()).sorted().toList();
    }

    @Test
    void unansweredDischargeReferralAlertsOncePerDeadline() {
        ServiceRequest order = dischargeReferral();
        DischargeScheduler scheduler = bean(DischargeScheduler.class);

        clock().advance(Duration.ofMinutes(110));
        scheduler.tick("kent");
        assertEquals(List.of(), alerts(order), "within 2 hours");

        clock().advance(Duration.ofMinutes(20));
        scheduler.tick("kent");
        scheduler.tick("kent");
        assertEquals(List.of("acknowledgement-overdue"), alerts(order));

        clock().advance(Duration.ofHours(23));
        scheduler.tick("kent");
        scheduler.tick("kent");
        assertEquals(List.of("acknowledgement-overdue", "response-overdue"), alerts(order));
    }

    @Test
    void anAcknowledgedReferralRaisesNoAcknowledgementAlert() {
        ServiceRequest order = dischargeReferral();
        Task brokerage = ProcessMessageTest.brokerageTask(order);
        brokerage.setStatus(Task.TaskStatus.RECEIVED);
        kent.update().resource(brokerage).execute();

        clock().advance(Duration.ofHours(3));
        bean(DischargeScheduler.class).tick("kent");

        assertEquals(List.of(), alerts(order));
    }
}
