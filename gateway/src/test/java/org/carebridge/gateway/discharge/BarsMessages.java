package org.carebridge.gateway.discharge;

import org.carebridge.gateway.GatewayServer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Referral messages for the gateway tests, made from the BaRS ValidationRequest example: a person with a valid
 * (fresh) NHS number, a referral identified by the sender, a new Bundle id per message.
 */
final class BarsMessages {
    static final String VALIDATION_REQUEST = "process_message/request/ValidationRequest (POST) .json";
    static final String HOSPITAL_REFERRAL_IDS = "https://hospital.example.nhs.uk/Id/referral";

    private BarsMessages() {}

    static Bundle example() {
        return (Bundle) GatewayServer.ctx().newJsonParser().parseResource(DischargeTestSupport.example(VALIDATION_REQUEST));
    }

    /** A new referral for this person, this sender's referral id; {@code edit} changes it further. */
    static Bundle referral(String nhs, String referralId, Consumer<Bundle> edit) {
        Bundle b = example();
        b.setId(UUID.randomUUID().toString());
        patient(b).getIdentifier().stream().filter(i -> "https://fhir.nhs.uk/Id/nhs-number".equals(i.getSystem()))
                .forEach(i -> i.setValue(nhs));
        serviceRequest(b).addIdentifier(new Identifier().setSystem(HOSPITAL_REFERRAL_IDS).setValue(referralId));
        edit.accept(b);
        return b;
    }

    static String json(Bundle b) {
        return GatewayServer.ctx().newJsonParser().encodeResourceToString(b);
    }

    static MessageHeader header(Bundle b) {
        return (MessageHeader) b.getEntryFirstRep().getResource();
    }

    static ServiceRequest serviceRequest(Bundle b) {
        return b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof ServiceRequest).map(r -> (ServiceRequest) r).findFirst().orElseThrow();
    }

    static Patient patient(Bundle b) {
        return b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof Patient).map(r -> (Patient) r).findFirst().orElseThrow();
    }

    static Consumer<Bundle> update() {
        return b -> header(b).getReason().getCodingFirstRep().setCode("update");
    }

    static Consumer<Bundle> startsAt(Instant start) {
        return b -> serviceRequest(b).setOccurrence(new DateTimeType(Date.from(start)));
    }

    /** A hospital discharge (category), as BaRS has no discharge use case of its own. */
    static Consumer<Bundle> discharge() {
        return b -> serviceRequest(b).addCategory().addCoding(new Coding("https://hospital.example.nhs.uk/CodeSystem/referral-type",
                "discharge", "Hospital discharge"));
    }

    static Consumer<Bundle> noAsyncResponse() {
        return b -> header(b).getSource().setEndpoint(null);
    }
}
