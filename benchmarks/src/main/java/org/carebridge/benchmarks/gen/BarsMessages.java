package org.carebridge.benchmarks.gen;

import org.carebridge.benchmarks.gen.Model.Discharge;
import org.carebridge.benchmarks.gen.Model.Person;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.*;

import java.util.Date;

/**
 * BaRS referral request messages (shared/standards.md): a Bundle of type message whose first entry is a
 * MessageHeader (servicerequest-request, reason new) focused on the referral ServiceRequest.
 */
public final class BarsMessages {
    public static final String EVENTS = "https://fhir.nhs.uk/CodeSystem/message-events-bars";
    public static final String REASONS = "https://fhir.nhs.uk/CodeSystem/message-reason-bars";

    static final String DEFINITION = "https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-request";

    private BarsMessages() {}

    /** The endpoint by which the gateway knows a tenant unless configured otherwise (its bars.endpoints default). */
    public static String tenantEndpoint(String tenant) {
        return Canonical.BASE + "/Id/carebridge-tenant|" + tenant;
    }

    /** @param gatewayEndpoint MessageHeader.destination.endpoint: how the sender addresses the council */
    public static Bundle referral(Discharge d, Person p, String gatewayEndpoint) {
        String id = d.referralId().toLowerCase();
        Patient patient = new Patient();
        patient.setId("patient-" + id);
        if (p.nhsNumber() != null) patient.addIdentifier().setSystem(Canonical.NHS_NUMBER).setValue(p.nhsNumber());
        patient.addName().setFamily(p.family()).addGiven(p.given());
        patient.setBirthDate(Date.from(p.birthDate().atStartOfDay().toInstant(java.time.ZoneOffset.UTC)));

        ServiceRequest sr = new ServiceRequest();
        sr.setId("servicerequest-" + id);
        sr.addIdentifier().setSystem(Canonical.REFERRAL).setValue(d.referralId());
        sr.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE).setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        sr.addCategory().setText("Discharge to Assess");
        sr.setPriority(ServiceRequest.ServiceRequestPriority.URGENT);
        sr.setSubject(new Reference("urn:uuid:" + patient.getIdPart()));
        sr.setAuthoredOn(Date.from(d.admitted()));
        sr.setOccurrence(new DateTimeType(Date.from(d.discharged())));
        sr.addNote().setText("Synthetic referral: expected discharge to home with care");

        MessageHeader mh = new MessageHeader();
        mh.setId("messageheader-" + id);
        mh.setEvent(new Coding(EVENTS, "servicerequest-request", "Referral request"));
        mh.setReason(new CodeableConcept().addCoding(new Coding(REASONS, "new", "New")));
        mh.setDefinition(DEFINITION);
        // No http(s) source endpoint: the answer is the synchronous response, no asynchronous reply is queued.
        mh.getSource().setEndpoint("urn:hospital:" + d.hospitalOds()).setName("Synthetic hospital " + d.hospitalOds());
        Organization hospital = new Organization();
        hospital.setId("hospital-" + d.hospitalOds().toLowerCase());
        hospital.addIdentifier().setSystem(Canonical.ODS_ORGANIZATION).setValue(d.hospitalOds());
        hospital.setName("Synthetic hospital " + d.hospitalOds());
        mh.setSender(new Reference("urn:uuid:" + hospital.getIdPart()));
        Organization council = new Organization();
        council.setId("council");
        council.setName("The receiving council");
        mh.addDestination().setEndpoint(gatewayEndpoint).setReceiver(new Reference("urn:uuid:" + council.getIdPart()));
        mh.addFocus(new Reference("urn:uuid:" + sr.getIdPart()));

        Bundle b = new Bundle().setType(Bundle.BundleType.MESSAGE);
        b.setId("bundle-" + id);
        b.setTimestamp(Date.from(d.admitted()));
        b.addEntry().setFullUrl("urn:uuid:" + mh.getIdPart()).setResource(mh);
        b.addEntry().setFullUrl("urn:uuid:" + sr.getIdPart()).setResource(sr);
        b.addEntry().setFullUrl("urn:uuid:" + patient.getIdPart()).setResource(patient);
        b.addEntry().setFullUrl("urn:uuid:" + hospital.getIdPart()).setResource(hospital);
        b.addEntry().setFullUrl("urn:uuid:" + council.getIdPart()).setResource(council);
        return b;
    }
}
