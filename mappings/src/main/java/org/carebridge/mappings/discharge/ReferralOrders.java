package org.carebridge.mappings.discharge;

import org.carebridge.profiles.Canonical;
import org.carebridge.profiles.Profiles;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * The council's copy of a referral as an order for care: the hospital's ServiceRequest becomes the council's
 * (identified by the sender's referral id), placed with the provider that accepted, or revoked on cancellation.
 */
public final class ReferralOrders {
    private ReferralOrders() {}

    /** The council's ServiceRequest for a new referral: status active, intent order, the sender's ids kept. */
    public static ServiceRequest fromReferral(ServiceRequest sent, String referralId, String patientRef) {
        ServiceRequest sr = sent.copy();
        sr.setId((String) null);
        // The hospital's BaRS profiles are not ours to claim: the council's copy is a CareBridge Referral.
        sr.getMeta().getProfile().clear();
        sr.getMeta().addProfile(Profiles.REFERRAL);
        sr.addIdentifier(new Identifier().setSystem(Canonical.REFERRAL).setValue(referralId));
        sr.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
        sr.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        sr.setSubject(new Reference(patientRef));
        sr.getPerformer().clear();
        return sr;
    }

    /** Placed: the accepting provider becomes the performer; the order can start. */
    public static ServiceRequest placed(ServiceRequest order, String providerRef) {
        ServiceRequest sr = order.copy();
        sr.getPerformer().clear();
        sr.addPerformer(new Reference(providerRef));
        sr.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
        return sr;
    }

    public static ServiceRequest revoked(ServiceRequest order) {
        ServiceRequest sr = order.copy();
        sr.setStatus(ServiceRequest.ServiceRequestStatus.REVOKED);
        return sr;
    }
}
