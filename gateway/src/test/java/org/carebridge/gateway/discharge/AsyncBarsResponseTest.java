package org.carebridge.gateway.discharge;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.carebridge.gateway.discharge.BarsMessages.*;
import static org.carebridge.gateway.discharge.DischargeTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.carebridge.gateway.GatewayServer;
import org.carebridge.gateway.routes.AdminClient;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

/**
 * A hospital that asks (MessageHeader.source.endpoint) for an asynchronous response gets the response message POSTed
 * to that endpoint through the outbox: its endpoint (WireMock) fails with 500 first, then answers 200; the response
 * arrives, with response.identifier = the request Bundle.id and code ok, the conversation's X-Correlation-Id and an
 * X-Request-Id that is the same on the retry (the hospital replays on it).
 */
class AsyncBarsResponseTest {
    private static WireMockServer hospital;

    @BeforeAll
    static void start() {
        hospital = new WireMockServer(options().dynamicPort());
        hospital.start();
        GatewayServer.start();
        Notifications.kentRoutes(0);
    }

    @AfterAll
    static void stop() {
        hospital.stop();
    }

    @Test
    void theResponseMessageIsDeliveredToTheSourceEndpointAfterA500() {
        hospital.stubFor(WireMock.post(urlEqualTo("/bars/$process-message")).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(serverError()).willSetStateTo("up"));
        hospital.stubFor(WireMock.post(urlEqualTo("/bars/$process-message")).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(ok()));
        String endpoint = hospital.baseUrl() + "/bars/$process-message";
        String nhs = newNhsNumber();
        Bundle request = referral(nhs, "A-" + UUID.randomUUID(), b -> header(b).getSource().setEndpoint(endpoint));
        String correlationId = UUID.randomUUID().toString();

        Response r = post("kent", "$process-message", json(request), UUID.randomUUID().toString(), correlationId);
        assertEquals(200, r.status(), r.body());

        AdminClient.await("the response message is delivered after the 500", () -> hospital.findAll(
                WireMock.postRequestedFor(urlEqualTo("/bars/$process-message"))).size() >= 2);
        List<LoggedRequest> attempts = hospital.findAll(WireMock.postRequestedFor(urlEqualTo("/bars/$process-message")));
        LoggedRequest delivered = attempts.get(1);
        assertEquals(attempts.get(0).getHeader("X-Request-Id"), delivered.getHeader("X-Request-Id"), "a retry repeats X-Request-Id");
        assertEquals(correlationId, delivered.getHeader("X-Correlation-Id"));
        assertTrue(delivered.getHeader("Content-Type").startsWith("application/fhir+json"));

        Bundle response = GatewayServer.ctx().newJsonParser().parseResource(Bundle.class, delivered.getBodyAsString());
        assertEquals(Bundle.BundleType.MESSAGE, response.getType());
        MessageHeader h = (MessageHeader) response.getEntryFirstRep().getResource();
        assertEquals(request.getIdElement().getIdPart(), h.getResponse().getIdentifier(), "response.identifier = the request Bundle.id");
        assertEquals(MessageHeader.ResponseType.OK, h.getResponse().getCode());
        assertEquals(endpoint, h.getDestinationFirstRep().getEndpoint());
        ServiceRequest order = ProcessMessageTest.orderOf(ProcessMessageTest.onePatient(nhs));
        assertTrue(response.getEntry().stream().anyMatch(e -> e.getResource() instanceof ServiceRequest sr
                && order.getIdElement().getIdPart().equals(sr.getIdElement().getIdPart())), "the referral as the council holds it");

        // The same delivery again (X-Request-Id replay) queues nothing new: still one response for this request.
        assertEquals(1, Notifications.toEndpoint("kent", endpoint));
    }
}
