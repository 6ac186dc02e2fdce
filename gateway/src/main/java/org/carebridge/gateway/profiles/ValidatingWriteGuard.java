package org.carebridge.gateway.profiles;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.validation.ValidationResult;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Order;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.carebridge.gateway.fhir.WriteGuard;
import org.carebridge.profiles.validation.ProfileValidator;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and updates through the FHIR API (single or inside a Bundle) are validated against the profiles the
 * resource declares, the type's CareBridge profile when it declares none and the type has exactly one, and UK
 * Core. {@code strict}: errors are refused with 422 and the OperationOutcome; {@code warn}: stored, and validated
 * only when the client asks for the OperationOutcome ({@code Prefer: return=OperationOutcome}), which is then the
 * response. Feed writes
 * (Mosaic, ECM, discharge) do not pass here: their mappings are tested against the profiles instead.
 * Runs after the access checks, so a refused caller learns nothing about conformance.
 */
@Singleton
@Order(100)
public class ValidatingWriteGuard implements WriteGuard {
    private static final Logger LOG = LoggerFactory.getLogger(ValidatingWriteGuard.class);
    /** Request user-data key: the OperationOutcome of a write accepted in warn mode. */
    public static final String OUTCOME_KEY = "carebridge.validation.outcome";

    private final ProfileValidation validation;
    private final ValidationModes modes;
    private final Duration strictWait;

    public ValidatingWriteGuard(ProfileValidation validation, ValidationModes modes,
                                @Value("${carebridge.validation.strict-wait:120s}") Duration strictWait) {
        this.validation = validation;
        this.modes = modes;
        this.strictWait = strictWait;
    }

    @Override
    public void beforeWrite(RequestDetails request, String interaction, String resourceType, IdType id, Resource resource) {
        if (resource == null) {
            return;
        }
        ValidationMode mode = modes.of(request.getTenantId());
        if (mode == ValidationMode.OFF) {
            return;
        }
        if (mode == ValidationMode.WARN && !ProfileValidation.wantsOutcome(request)) {
            // warn stores the write whatever the outcome, and only a client that asks sees it: validating for nobody
            // would cost more CPU than the write itself (and hold the validator's heap).
            return;
        }
        // The first write that needs the validator builds it and waits (strict-wait); later ones find it ready.
        Optional<ProfileValidator> ready = validation.await(strictWait);
        if (ready.isEmpty()) {
            if (mode == ValidationMode.STRICT) {
                throw ProfileValidation.starting();
            }
            // warn never refuses a write: not ready in time, it is stored unvalidated.
            addIssues(request, notValidated());
            return;
        }
        ProfileValidator v = ready.get();
        ValidationResult result = v.validate(resource, defaultProfiles(v, resource));
        OperationOutcome oo = ProfileValidator.toOperationOutcome(result);
        if (ProfileValidator.hasErrors(result)) {
            LOG.info("{} {} does not conform: {} errors ({} mode)", interaction, resourceType,
                    ProfileValidator.errors(result).size(), mode.name().toLowerCase(java.util.Locale.ROOT));
            if (mode == ValidationMode.STRICT) {
                throw new UnprocessableEntityException(v.fhirContext(), oo);
            }
        }
        addIssues(request, oo);
    }

    /** No profile declared: the type's CareBridge profile when there is exactly one (ServiceRequest and Task have two). */
    static List<String> defaultProfiles(ProfileValidator v, Resource resource) {
        if (resource.getMeta().hasProfile()) {
            return List.of();
        }
        var ours = v.conformance().profilesFor(resource.fhirType());
        return ours.size() == 1 ? List.of(ours.get(0).getUrl()) : List.of();
    }

    private static void addIssues(RequestDetails request, OperationOutcome oo) {
        Object existing = request.getUserData().get(OUTCOME_KEY);
        if (existing instanceof OperationOutcome all) {
            all.getIssue().addAll(oo.getIssue());
        } else {
            request.getUserData().put(OUTCOME_KEY, oo);
        }
    }

    private static OperationOutcome notValidated() {
        OperationOutcome oo = new OperationOutcome();
        oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                .setDiagnostics("Not validated: the profile validator is still starting (warn mode stores the write)");
        return oo;
    }
}
