package org.carebridge.mappings.discharge;

import java.util.Date;
import java.util.Optional;
import org.carebridge.profiles.Canonical;
import org.carebridge.profiles.Profiles;
import org.carebridge.profiles.terminology.TaskType;
import org.carebridge.rules.referrals.Offer;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;

/**
 * An offer to a provider as a FHIR Task (profile CareBridge-Offer): owner the provider Organization, focus the
 * referral ServiceRequest, for the Patient, status requested / accepted / rejected / cancelled. The provider
 * answers by updating its Task's status (accepted, or rejected with statusReason).
 */
public final class OfferTaskMapper {
    public static final String PROFILE = Profiles.OFFER;
    /** Identifier system of offers (one Task per provider per referral). */
    public static final String OFFER_ID = Canonical.BASE + "/Id/offer-id";

    private OfferTaskMapper() {}

    /**
     * @param serviceRequest reference to the referral, e.g. "ServiceRequest/123"
     * @param patient        reference to the person
     * @param provider       reference to the provider Organization
     */
    public static Task toTask(Offer offer, String serviceRequest, String patient, String provider) {
        Task t = new Task();
        t.setId(offer.offerId());
        t.getMeta().addProfile(PROFILE);
        t.addIdentifier(new Identifier().setSystem(OFFER_ID).setValue(offer.offerId()));
        t.setStatus(Task.TaskStatus.fromCode(offer.status().taskCode()));
        t.setIntent(Task.TaskIntent.ORDER);
        t.setCode(TaskType.OFFER.concept());
        t.setFocus(new Reference(serviceRequest));
        t.setFor(new Reference(patient));
        t.setOwner(new Reference(provider));
        t.setAuthoredOn(Date.from(offer.offeredAt()));
        t.setLastModified(Date.from(offer.answeredAt() != null ? offer.answeredAt() : offer.offeredAt()));
        t.setDescription("Offer of a package of care");
        if (offer.declineReason() != null) {
            t.setStatusReason(new CodeableConcept().setText(offer.declineReason()));
        }
        return t;
    }

    /** A provider's answer read from its Task update. */
    public record ProviderAnswer(String offerId, boolean accept, String reason) {}

    /**
     * The answer in a provider's Task update: status accepted or rejected (other statuses are not answers).
     * The offer is identified by the Task id, which the gateway checks belongs to the calling provider.
     */
    public static Optional<ProviderAnswer> readAnswer(Task update) {
        String id = update.getIdElement().getIdPart();
        if (id == null || !update.hasStatus()) {
            return Optional.empty();
        }
        return switch (update.getStatus()) {
            case ACCEPTED -> Optional.of(new ProviderAnswer(id, true, null));
            case REJECTED -> Optional.of(new ProviderAnswer(id, false,
                    update.hasStatusReason() ? update.getStatusReason().getText() : null));
            default -> Optional.empty();
        };
    }
}
