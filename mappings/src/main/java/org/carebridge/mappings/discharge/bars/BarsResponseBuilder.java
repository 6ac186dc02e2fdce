package org.carebridge.mappings.discharge.bars;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * Builds the BaRS response message (event servicerequest-response) that answers a request: sent to the request's
 * source.endpoint, MessageHeader.response.identifier = the request Bundle id, response.code ok | transient-error |
 * fatal-error, with an OperationOutcome in response.details when it is not ok and the ServiceRequest as focus when
 * there is one.
 */
public final class BarsResponseBuilder {
    public static final String RESPONSE_DEFINITION = BarsCodes.MESSAGE_DEFINITION_PREFIX + "servicerequest-response";

    private final BarsReceiver self;
    private final Supplier<UUID> ids;

    public BarsResponseBuilder(BarsReceiver self, Supplier<UUID> ids) {
        this.self = self;
        this.ids = ids;
    }

    /**
     * @param requestBundleId the Bundle.id of the request being answered
     * @param requestSourceEndpoint the request's MessageHeader.source.endpoint (our destination)
     * @param senderOds the ODS code of the organisation that sent the request (our receiver)
     * @param reason new or update, echoed from the request
     * @param focus the referral as the council now holds it (status active/revoked...) with its patient, or null on
     *              rejection
     * @param issues empty for ok
     */
    public Bundle build(String requestBundleId, String requestSourceEndpoint, String senderOds,
                        ReferralMessage.Reason reason, Focus focus, List<BarsIssue> issues, Instant now) {
        Bundle bundle = new Bundle();
        bundle.setId(ids.get().toString());
        bundle.getMeta().addProfile(BarsCodes.BUNDLE_PROFILE);
        bundle.setType(Bundle.BundleType.MESSAGE);
        bundle.setTimestamp(Date.from(now));

        Organization us = organization(self.odsCode(), "council " + self.tenant());
        Organization them = organization(senderOds, null);
        String usUrl = urn(), themUrl = urn();

        MessageHeader header = new MessageHeader();
        header.getMeta().addProfile(BarsCodes.MESSAGE_HEADER_PROFILE_PREFIX + "servicerequest-response");
        header.setEvent(new Coding(BarsCodes.MESSAGE_EVENTS, BarsEvent.SERVICEREQUEST_RESPONSE.code(), null));
        header.getReason().addCoding(new Coding(BarsCodes.MESSAGE_REASON,
                reason == ReferralMessage.Reason.UPDATE ? "update" : "new", null));
        header.addDestination().setEndpoint(requestSourceEndpoint).setReceiver(new Reference(themUrl));
        header.setSender(new Reference(usUrl));
        header.getSource().setName("CareBridge " + self.tenant()).setSoftware("CareBridge").setEndpoint(self.primaryEndpoint());
        header.getResponse().setIdentifier(requestBundleId)
                .setCode(MessageHeader.ResponseType.fromCode(BarsOutcomes.responseCode(issues)));
        header.setDefinition(RESPONSE_DEFINITION);

        bundle.addEntry().setFullUrl(urn()).setResource(header);
        if (focus != null) {
            header.addFocus(new Reference(focus.serviceRequestFullUrl()));
            bundle.addEntry().setFullUrl(focus.serviceRequestFullUrl()).setResource(focus.serviceRequest());
            bundle.addEntry().setFullUrl(focus.patientFullUrl()).setResource(focus.patient());
        }
        if (!issues.isEmpty()) {
            String ooUrl = urn();
            OperationOutcome oo = BarsOutcomes.toOperationOutcome(issues, ids.get());
            header.getResponse().setDetails(new Reference(ooUrl));
            bundle.addEntry().setFullUrl(ooUrl).setResource(oo);
        }
        bundle.addEntry().setFullUrl(usUrl).setResource(us);
        bundle.addEntry().setFullUrl(themUrl).setResource(them);
        return bundle;
    }

    /** The referral and its subject, under the fullUrls the ServiceRequest.subject reference uses. */
    public record Focus(String serviceRequestFullUrl, ServiceRequest serviceRequest, String patientFullUrl, Patient patient) {}

    private Organization organization(String ods, String name) {
        Organization org = new Organization();
        if (ods != null) {
            org.addIdentifier(new Identifier().setSystem(Canonical.ODS_ORGANIZATION).setValue(ods));
        }
        if (name != null) {
            org.setName(name);
        }
        return org;
    }

    private String urn() {
        return "urn:uuid:" + ids.get();
    }
}
