package org.carebridge.mappings.mosaic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * Everything one person record maps to: the unit the gateway applies in one transaction. Person-level resources
 * (Patient, Flag, Consents, access arrangement) are the complete current picture: a Flag or Consent the store holds
 * for this person but not listed here has been withdrawn. Plans and orders are those the record names.
 */
public record MappedPerson(String tenant, String personId, Patient patient, List<CarePlan> carePlans,
                           List<ServiceRequest> orders, List<Organization> providers,
                           Optional<PractitionerRole> careManager, Optional<Flag> restrictedFlag,
                           List<Consent> consents, Optional<AccessArrangement> accessArrangement) {
    public MappedPerson {
        carePlans = List.copyOf(carePlans);
        orders = List.copyOf(orders);
        providers = List.copyOf(providers);
        consents = List.copyOf(consents);
    }

    /** All FHIR resources, referenced ones first (providers, care manager, patient, plans, orders, flag, consents). */
    public List<Resource> resources() {
        List<Resource> all = new ArrayList<>(providers);
        careManager.ifPresent(all::add);
        all.add(patient);
        all.addAll(carePlans);
        all.addAll(orders);
        restrictedFlag.ifPresent(all::add);
        all.addAll(consents);
        return all;
    }

    /**
     * Ids of the Organizations (providers) the person's orders go to: who an event about this person's change is
     * delivered to (issue #4, point 5). A provider that lost an order is found from the stored order instead.
     */
    public java.util.Set<String> affectedProviderIds() {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        for (ServiceRequest sr : orders) {
            sr.getPerformer().forEach(p -> ids.add(p.getReferenceElement().getIdPart()));
        }
        return ids;
    }

    /**
     * The identifier a conditional update would use for a resource, as {@code Type?identifier=system|value}: the
     * gateway may match on it when a resource arrives without the deterministic id.
     */
    public static Optional<String> conditionalUrl(Resource r) {
        org.hl7.fhir.r4.model.Identifier id = null;
        if (r instanceof Patient p) {
            id = first(p.getIdentifier(), Canonical.MOSAIC_PERSON);
        } else if (r instanceof CarePlan c) {
            id = first(c.getIdentifier(), Canonical.MOSAIC_PLAN);
        } else if (r instanceof ServiceRequest s) {
            id = first(s.getIdentifier(), Canonical.MOSAIC_ORDER);
        } else if (r instanceof Organization o && o.getIdentifierFirstRep().hasValue()) {
            id = o.getIdentifierFirstRep();
        } else if (r instanceof PractitionerRole pr && pr.getIdentifierFirstRep().hasValue()) {
            id = pr.getIdentifierFirstRep();
        }
        return id == null ? Optional.empty()
                : Optional.of(r.fhirType() + "?identifier=" + id.getSystem() + "|" + id.getValue());
    }

    private static org.hl7.fhir.r4.model.Identifier first(List<org.hl7.fhir.r4.model.Identifier> ids, String system) {
        return ids.stream().filter(i -> system.equals(i.getSystem())).findFirst().orElse(null);
    }
}
