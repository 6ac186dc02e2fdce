package org.carebridge.gateway.discharge;

import static org.carebridge.gateway.discharge.DischargeTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import org.carebridge.gateway.GatewayServer;
import org.carebridge.mappings.discharge.notice.NoticeExtensions;
import org.carebridge.mappings.discharge.notice.NoticeType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Care Act discharge notices through $process-message: the council's accept (complete minimum content) or reject
 * (naming what is missing) is the synchronous answer and is queued back to the hospital's endpoint.
 */
class CareActNoticeGatewayTest {
    private static final String HOSPITAL_ENDPOINT = "http://fhir.nhs.uk/Id/dos-service-id|3333333333";

    static Bundle dischargeNotice(String id, boolean withContact) {
        Bundle b = new Bundle();
        b.setId(id);
        b.setType(Bundle.BundleType.MESSAGE);
        MessageHeader h = new MessageHeader();
        h.setEvent(new Coding(NoticeType.SNOMED, NoticeType.DISCHARGE.code(), null));
        h.setFocus(List.of(new Reference("urn:uuid:enc")));
        h.setSender(new Reference("urn:uuid:hosp"));
        h.getSource().setEndpoint(HOSPITAL_ENDPOINT);
        Encounter enc = new Encounter();
        enc.setSubject(new Reference("urn:uuid:pat"));
        enc.getPeriod().setEnd(Date.from(Instant.parse("2026-02-10T12:00:00Z")));
        enc.addExtension(NoticeExtensions.PATIENT_CONSULTED, new BooleanType(true));
        enc.addExtension(NoticeExtensions.CHC_CONSIDERED, new BooleanType(false));
        Patient p = new Patient();
        p.addName(new HumanName().setFamily("Example").addGiven("Pat"));
        p.addIdentifier(new Identifier().setSystem("https://fhir.nhs.uk/Id/nhs-number").setValue(newNhsNumber()));
        Organization hosp = new Organization();
        hosp.addIdentifier(new Identifier().setSystem("https://fhir.nhs.uk/Id/ods-organization-code").setValue("RVV"));
        b.addEntry().setFullUrl("urn:uuid:mh").setResource(h);
        b.addEntry().setFullUrl("urn:uuid:enc").setResource(enc);
        b.addEntry().setFullUrl("urn:uuid:pat").setResource(p);
        b.addEntry().setFullUrl("urn:uuid:hosp").setResource(hosp);
        if (withContact) {
            h.setResponsible(new Reference("urn:uuid:contact"));
            Practitioner contact = new Practitioner();
            contact.addName(new HumanName().setFamily("Ward").addGiven("Sam"));
            contact.addTelecom(new ContactPoint().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("01227 000000"));
            b.addEntry().setFullUrl("urn:uuid:contact").setResource(contact);
        }
        return b;
    }

    private MessageHeader answer(Bundle notice) {
        Response r = post(hospital("RVV"), "kent", "$process-message", GatewayServer.ctx().newJsonParser().encodeResourceToString(notice),
                UUID.randomUUID().toString(), UUID.randomUUID().toString());
        assertEquals(200, r.status(), r.body());
        Bundle answer = (Bundle) GatewayServer.ctx().newJsonParser().parseResource(r.body());
        return (MessageHeader) answer.getEntryFirstRep().getResource();
    }

    @Test
    void aCompleteDischargeNoticeIsAcceptedAndTheAnswerGoesBackToTheHospital() {
        String id = UUID.randomUUID().toString();
        MessageHeader h = answer(dischargeNotice(id, true));

        assertEquals("975821000000109", h.getEventCoding().getCode(), "discharge notice accepted");
        assertEquals(id, h.getResponse().getIdentifier());
        assertEquals(MessageHeader.ResponseType.OK, h.getResponse().getCode());
        // The answer is in the synchronous reply; the notice's source endpoint is a directory id, not an address
        // the gateway may call, so nothing is queued for it (an https endpoint would be: AsyncBarsResponseTest).
        assertEquals(0, Notifications.toEndpoint("kent", HOSPITAL_ENDPOINT));
    }

    @Test
    void aNoticeWithoutAHospitalContactIsRejectedNamingIt() {
        MessageHeader h = answer(dischargeNotice(UUID.randomUUID().toString(), false));

        assertEquals("975831000000106", h.getEventCoding().getCode(), "discharge notice rejected");
        assertEquals(MessageHeader.ResponseType.FATALERROR, h.getResponse().getCode());
        assertTrue(h.getExtensionsByUrl(NoticeExtensions.REJECT_REASON).get(0).getValueAsPrimitive().getValueAsString()
                .contains("contact"));
    }
}
