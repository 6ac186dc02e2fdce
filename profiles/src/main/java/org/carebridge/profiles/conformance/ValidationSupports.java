package org.carebridge.profiles.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import java.util.Collection;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The one validation-support chain used both to build snapshots and to validate: R4 core, the given
 * conformance resources (UK Core and ours), in-memory terminology, and snapshot generation for profiles
 * published without one (UK Core ships differentials only). Nothing here reaches the network.
 */
public final class ValidationSupports {
    private ValidationSupports() {}

    public static ValidationSupportChain chain(FhirContext ctx, Collection<? extends IBaseResource> conformance) {
        PrePopulatedValidationSupport local = new PrePopulatedValidationSupport(ctx);
        conformance.forEach(local::addResource);
        // SNOMED CT, dm+d and other external systems cannot be checked offline: an unknown code system is a
        // warning, never an error (standards.md).
        UnknownCodeSystemWarningValidationSupport unknown = new UnknownCodeSystemWarningValidationSupport(ctx);
        unknown.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(ctx),
                local,
                new Bcp47LanguageSupport(ctx),
                new CommonCodeSystemsTerminologyService(ctx),
                new InMemoryTerminologyServerValidationSupport(ctx),
                unknown);
        // A CodeableConcept with a SNOMED coding beside a valid one (UK Core does this for languages) is valid.
        chain.setCodeableConceptValidationSuccessfulIfNotAllCodingsAreValid(true);
        // One worker context for every snapshot: by default each snapshot builds its own, which costs ~1 s.
        WorkerContextValidationSupportAdapter worker = new WorkerContextValidationSupportAdapter(chain);
        chain.addValidationSupport(5, new SnapshotGeneratingValidationSupport(ctx, worker));
        return chain;
    }
}
