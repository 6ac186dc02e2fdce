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

    private BarsMessages() {}

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
        mh.getSource().setEndpoint("urn:hospital:" + d.hospitalOds()).setName("Synthetic hospital " + d.hospitalOds());
        mh.addDestination().setEndpoint(gatewayEndpoint);
        mh.addFocus(new Reference("urn:uuid:" + sr.getIdPart()));

        Bundle b = new Bundle().setType(Bundle.BundleType.MESSAGE);
        b.setId("bundle-" + id);
        b.setTimestamp(Date.from(d.admitted()));
        b.addEntry().setFullUrl("urn:uuid:" + mh.getIdPart()).setResource(mh);
        b.addEntry().setFullUrl("urn:uuid:" + sr.getIdPart()).setResource(sr);
        b.addEntry().setFullUrl("urn:uuid:" + patient.getIdPart()).setResource(patient);
        return b;
    }
}
