package org.carebridge.gateway.security;

import ca.uhn.fhir.context.FhirContext;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Minimisation per role (domain.md §6): removes what the reader does not need and labels the resource
 * REDACTED. Works on the copy about to be sent; the store is untouched.
 */
public final class Redactor {
    /** UK National Insurance numbers: never leave the gateway (H:3225), whatever system they are filed under. */
    private static final Pattern NI_NUMBER = Pattern.compile("(?i)^\\s*[A-CEGHJ-PR-TW-Z]{2}\\s?\\d{2}\\s?\\d{2}\\s?\\d{2}\\s?[A-D]\\s*$");

    private final FhirContext ctx;

    public Redactor(FhirContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Whether {@link #redact} can change a resource of this type for this caller. When false the stored resource
     * may be sent exactly as stored (no parse, no copy): the one decision the read path asks about redaction.
     */
    public static boolean applies(Caller c, String type) {
        Caller.Party party = c.party();
        if (type.equals("Practitioner") || type.equals("Flag")) return true;
        return switch (party) {
            // Practitioner names travel only inside their employer: any reference to one may carry a display.
            case COUNCIL, DPO, HOSPITAL, NONE -> !type.equals("Organization");
            case PROVIDER -> type.equals("Consent") || type.equals("ServiceRequest");
            case CARE_WORKER -> type.equals("Consent") || type.equals("Patient");
        };
    }

    /** As {@link #redact(Caller, Resource, Predicate)} for a caller that is assigned no order. */
    public void redact(Caller c, Resource r) {
        redact(c, r, orderId -> false);
    }

    /**
     * @param assignedOrder for a provider: is it the assigned provider of this ServiceRequest (an order placed with
     *                      it, rather than a referral merely offered to it)?
     */
    public void redact(Caller c, Resource r, Predicate<String> assignedOrder) {
        Caller.Party party = c.party();
        boolean removed = false;
        if (r instanceof ServiceRequest sr && party == Caller.Party.PROVIDER && !assignedOrder.test(sr.getIdElement().getIdPart())) {
            // An offer shows the need, not the person's access codes, flags or safeguarding notes behind it.
            removed |= clear(sr.hasSupportingInfo(), () -> sr.getSupportingInfo().clear());
        }
        if (r instanceof Practitioner p) {
            removed |= p.getIdentifier().removeIf(Redactor::isNiNumber);
            // Outside its employer a care worker is known only by pseudonym; a provider sees only its own staff.
            if (party != Caller.Party.PROVIDER && party != Caller.Party.CARE_WORKER) {
                removed |= p.getIdentifier().removeIf(i -> !Canonical.CARE_WORKER_PSEUDONYM.equals(i.getSystem()));
                removed |= clear(p.hasName(), () -> p.getName().clear());
                removed |= clear(p.hasTelecom(), () -> p.getTelecom().clear());
                removed |= clear(p.hasAddress(), () -> p.getAddress().clear());
                removed |= clear(p.hasBirthDate(), () -> p.setBirthDate(null));
                removed |= clear(p.hasPhoto(), () -> p.getPhoto().clear());
                removed |= clear(p.hasQualification(), () -> p.getQualification().clear());
                removed |= clear(p.hasText(), () -> p.setText(null));
            }
        }
        if (party != Caller.Party.PROVIDER && party != Caller.Party.CARE_WORKER) {
            // Workers' names travel only inside their employer.
            for (Reference ref : ctx.newTerser().getAllPopulatedChildElementsOfType(r, Reference.class)) {
                String t = ref.getReferenceElement().getResourceType();
                if (ref.hasDisplay() && ("Practitioner".equals(t) || "PractitionerRole".equals(t)) && !(r instanceof ServiceRequest)) {
                    ref.setDisplay(null);
                    removed = true;
                }
            }
        }
        if (r instanceof Flag f && f.getSubject().hasDisplay()) {
            // An access arrangement or any other flag never travels with the person's name.
            f.getSubject().setDisplay(null);
            removed = true;
        }
        if (party == Caller.Party.PROVIDER || party == Caller.Party.CARE_WORKER || party == Caller.Party.HOSPITAL) {
            if (r instanceof Consent k) {
                // The fact of an objection is shared; the person's reasons are not.
                removed |= clear(k.hasPolicyRule(), () -> k.setPolicyRule(null));
                removed |= clear(k.hasPolicy(), () -> k.getPolicy().clear());
                removed |= clear(k.hasSource(), () -> k.setSource(null));
                removed |= clear(k.getProvision().hasPurpose(), () -> k.getProvision().getPurpose().clear());
                removed |= clear(k.hasText(), () -> k.setText(null));
                removed |= clear(k.hasExtension(), () -> k.getExtension().clear());
            }
            if (r instanceof ServiceRequest sr && party == Caller.Party.HOSPITAL) {
                // The hospital sees its referral and its status, not the council's commissioning detail.
                removed |= clear(sr.hasSupportingInfo(), () -> sr.getSupportingInfo().clear());
                removed |= clear(sr.hasExtension(), () -> sr.getExtension().clear());
                removed |= clear(sr.hasPerformer(), () -> sr.getPerformer().clear());
                removed |= clear(sr.hasNote(), () -> sr.getNote().clear());
            }
        }
        if (r instanceof Patient p && party == Caller.Party.CARE_WORKER) {
            // A worker's device carries what the visit needs: who, where, how to communicate — no more.
            removed |= clear(p.hasIdentifier(), () -> p.getIdentifier().clear());
            removed |= clear(p.hasContact(), () -> p.getContact().clear());
            removed |= clear(p.hasGeneralPractitioner(), () -> p.getGeneralPractitioner().clear());
            removed |= clear(p.hasMaritalStatus(), () -> p.setMaritalStatus(null));
            removed |= clear(p.hasLink(), () -> p.getLink().clear());
            removed |= clear(p.hasPhoto(), () -> p.getPhoto().clear());
            removed |= clear(p.hasText(), () -> p.setText(null));
        }
        if (removed && !isRedacted(r)) {
            r.getMeta().addSecurity(Canonical.REDACTED_SYSTEM, Canonical.REDACTED_CODE, "redacted");
        }
    }

    public static boolean isRedacted(Resource r) {
        return r.getMeta().getSecurity().stream().anyMatch(s -> Canonical.REDACTED_SYSTEM.equals(s.getSystem())
                && Canonical.REDACTED_CODE.equals(s.getCode()));
    }

    private static boolean isNiNumber(Identifier i) {
        String system = i.getSystem() == null ? "" : i.getSystem().toLowerCase();
        return system.contains("national-insurance") || system.contains("ni-number")
                || (i.hasValue() && NI_NUMBER.matcher(i.getValue()).matches());
    }

    private static boolean clear(boolean present, Runnable action) {
        if (present) action.run();
        return present;
    }
}
