package org.carebridge.profiles.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.carebridge.profiles.conformance.ConformancePackage;
import org.carebridge.profiles.conformance.ValidationSupports;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Validates resources against R4 core, UK Core and the CareBridge profiles, offline. Building one is expensive
 * (seconds: HAPI loads every R4 definition), validating is cheap: build once, share it (it is thread-safe).
 *
 * <p>{@link #validate(IBaseResource)} checks the profiles the resource declares in meta.profile and, always,
 * the UK Core profile for its type, so a plain UK Core resource is accepted and a CareBridge one is held to
 * both. Unknown external code systems (SNOMED CT, dm+d) give warnings, not errors.
 */
public final class ProfileValidator {
    private static final String UK_CORE_PREFIX = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-";

    private final FhirContext ctx;
    private final ConformancePackage conformance;
    private final FhirValidator validator;
    private final ValidationSupportChain support;
    /** Resource type -> the UK Core profile every resource of that type is held to. */
    private final Map<String, String> ukCoreByType;

    public ProfileValidator(FhirContext ctx, ConformancePackage conformance) {
        this.ctx = ctx;
        this.conformance = conformance;
        List<IBaseResource> all = new ArrayList<>(conformance.ukCore());
        all.addAll(conformance.resources());
        this.support = ValidationSupports.chain(ctx, all);
        // HAPI's module would build (and pay ~16 ms for) a new core validator per call; this one reuses them.
        this.validator = ctx.newValidator().registerValidatorModule(configure(new ReusingInstanceValidator(support)));
        this.ukCoreByType = conformance.ukCore().stream()
                .filter(StructureDefinition.class::isInstance).map(StructureDefinition.class::cast)
                .filter(sd -> sd.getKind() == StructureDefinition.StructureDefinitionKind.RESOURCE)
                .filter(sd -> sd.getUrl().equals(UK_CORE_PREFIX + sd.getType()))
                .collect(Collectors.toUnmodifiableMap(StructureDefinition::getType, StructureDefinition::getUrl));
    }

    /** Our settings, on our module or (in tests, to compare) on HAPI's. */
    static FhirInstanceValidator configure(FhirInstanceValidator module) {
        // References to resources elsewhere on the server are not resolved here; the store checks them.
        module.setAssumeValidRestReferences(true);
        module.setNoTerminologyChecks(false);
        return module;
    }

    ValidationSupportChain support() {
        return support;
    }

    /** The validator over the package on the classpath. */
    public static ProfileValidator create(FhirContext ctx) {
        return new ProfileValidator(ctx, ConformancePackage.load(ctx));
    }

    public ConformancePackage conformance() {
        return conformance;
    }

    public FhirContext fhirContext() {
        return ctx;
    }

    /** The UK Core profile for a resource type, if UK Core has one (e.g. MeasureReport has none). */
    public java.util.Optional<String> ukCoreProfile(String resourceType) {
        return java.util.Optional.ofNullable(ukCoreByType.get(resourceType));
    }

    /** Against the declared profiles and the UK Core profile for the type. */
    public ValidationResult validate(IBaseResource resource) {
        return validate(resource, List.of());
    }

    /** Against the declared profiles, the UK Core profile for the type and the given profiles. */
    public ValidationResult validate(IBaseResource resource, Collection<String> extraProfiles) {
        return validator.validateWithResult(resource, options(resource, extraProfiles));
    }

    ValidationOptions options(IBaseResource resource, Collection<String> extraProfiles) {
        Set<String> profiles = new LinkedHashSet<>();
        for (IPrimitiveType<String> declared : resource.getMeta().getProfile()) {
            profiles.add(declared.getValue());
        }
        ukCoreProfile(ctx.getResourceType(resource)).ifPresent(profiles::add);
        profiles.addAll(extraProfiles);
        ValidationOptions options = new ValidationOptions();
        profiles.forEach(options::addProfile);
        return options;
    }

    /** A raw JSON or XML body, e.g. for $validate before parsing into a model. */
    public ValidationResult validate(String body) {
        return validator.validateWithResult(body);
    }

    public static boolean hasErrors(ValidationResult result) {
        return result.getMessages().stream().anyMatch(ProfileValidator::isError);
    }

    public static List<SingleValidationMessage> errors(ValidationResult result) {
        return result.getMessages().stream().filter(ProfileValidator::isError).toList();
    }

    private static boolean isError(SingleValidationMessage m) {
        return m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL;
    }

    /** The result as the OperationOutcome a $validate or a rejected create returns. */
    public static OperationOutcome toOperationOutcome(ValidationResult result) {
        return (OperationOutcome) result.toOperationOutcome();
    }

    /**
     * One line per error or warning, for test failures. HAPI messages may quote element values, so this is not
     * for logs: log counts and paths, return the OperationOutcome to the client who sent the resource.
     */
    public static String describe(ValidationResult result) {
        return result.getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.WARNING.ordinal())
                .map(m -> m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage())
                .collect(Collectors.joining("\n"));
    }
}
