package org.carebridge.profiles.validation;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.validation.IValidationContext;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.elementmodel.Manager;
import org.hl7.fhir.r5.fhirpath.IHostApplicationServices;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerOld;
import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.instance.InstanceValidator;

/**
 * HAPI's {@link FhirInstanceValidator}, but reusing the core {@link InstanceValidator} between validations.
 *
 * <p>Why: HAPI 8.8.1 builds a new {@code InstanceValidator} for every call ({@code ValidatorWrapper
 * .buildInstanceValidator}), and its constructor builds an {@code OIDUtilities} that reads and splits the 1.5 MB
 * {@code oidregistry.csv} — about 16 ms of CPU per validation, some 40 % of the whole. Here idle validators wait
 * in a small pool; a validation borrows one (or builds one when none is idle), so one is never used by two
 * threads at once.
 *
 * <p>Same results as a fresh one: the core validator clears its per-resource state itself at the start of each
 * validation (fetch cache, resource tracker, tracked messages); the one set it keeps on purpose, the "depends on
 * a deprecated/withdrawn/draft definition" hints it reports once per validator, is cleared here before each use.
 * It also keeps appending to a few lists it never clears (codings seen, code/text pairs, xhtml ids — only read
 * by checks we do not enable), so a validator is retired after {@link #USES} validations to bound that memory.
 * The settings and the message post-processing are those of HAPI's {@code ValidatorWrapper}. XML input takes
 * HAPI's own path unchanged (our callers send parsed resources, encoded as JSON).
 */
final class ReusingInstanceValidator extends FhirInstanceValidator {
    /** Validations per core validator: amortises the 16 ms build to well under 1 ms, bounds retained lists. */
    static final int USES = 32;
    private static final int MAX_IDLE = 8;

    private final BlockingQueue<Pooled> idle = new ArrayBlockingQueue<>(MAX_IDLE);

    ReusingInstanceValidator(IValidationSupport support) {
        super(support);
    }

    @Override
    protected List<ValidationMessage> validate(IValidationContext<?> context) {
        if (context.getResourceAsStringEncoding() != EncodingEnum.JSON) {
            return super.validate(context);
        }
        IWorkerContext worker = provideWorkerContext();
        Pooled pooled = idle.poll();
        if (pooled == null || pooled.worker != worker) {
            pooled = new Pooled(configure(new Core(worker)), worker);
        }
        List<ValidationMessage> messages = validateJson(pooled.core, worker, context);
        // Only a validator that finished normally goes back: after an exception its state is unknown.
        if (++pooled.uses < USES) {
            idle.offer(pooled);
        }
        return messages;
    }

    private List<ValidationMessage> validateJson(Core core, IWorkerContext worker, IValidationContext<?> context) {
        List<StructureDefinition> profiles = new ArrayList<>();
        List<ValidationMessage> unknownProfiles = new ArrayList<>();
        for (String url : context.getOptions().getProfiles()) {
            addProfile(worker, url, profiles, unknownProfiles);
        }
        String input = context.getResourceAsString();
        JsonObject meta = JsonParser.parseString(input).getAsJsonObject().getAsJsonObject("meta");
        JsonElement declared = meta == null ? null : meta.get("profile");
        if (declared != null && declared.isJsonArray()) {
            for (JsonElement url : declared.getAsJsonArray()) {
                addProfile(worker, url.getAsString(), profiles, unknownProfiles);
            }
        }
        core.beforeEachValidation();
        List<ValidationMessage> messages = new ArrayList<>();
        core.validate(context.getOptions().getAppContext(), messages,
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), Manager.FhirFormat.JSON, profiles);
        if (profiles.isEmpty()) {
            messages.addAll(unknownProfiles);
        }
        messages.removeIf(ReusingInstanceValidator::suppressed);
        if (isErrorForUnknownProfiles()) {
            messages.stream()
                    .filter(m -> I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN.equals(m.getMessageId())
                            || I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN_NOT_POLICY.equals(m.getMessageId()))
                    .filter(m -> m.getLevel() == ValidationMessage.IssueSeverity.WARNING)
                    .forEach(m -> m.setLevel(ValidationMessage.IssueSeverity.ERROR));
        }
        return messages;
    }

    /** The messages HAPI drops: bindings without a source, and the mimetypes value set it cannot expand. */
    private static boolean suppressed(ValidationMessage m) {
        String id = m.getMessageId();
        return id != null && (id.equals(I18nConstants.TERMINOLOGY_TX_BINDING_NOSOURCE)
                || id.equals(I18nConstants.TERMINOLOGY_TX_VALUESET_NOTFOUND)
                        && m.getMessage().contains("http://hl7.org/fhir/ValueSet/mimetypes"));
    }

    private static void addProfile(IWorkerContext worker, String url, List<StructureDefinition> profiles,
            List<ValidationMessage> unknown) {
        try {
            StructureDefinition sd = worker.fetchResource(StructureDefinition.class, url);
            if (sd != null) {
                profiles.add(sd);
            } else {
                ValidationMessage m = new ValidationMessage();
                m.setMessageId(I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN);
                m.setLevel(ValidationMessage.IssueSeverity.ERROR);
                m.setMessage("Invalid profile. Failed to retrieve profile with url=" + url);
                unknown.add(m);
            }
        } catch (FHIRException e) {
            // As HAPI: a profile that fails to load is skipped; the validator reports what it cannot check.
        }
    }

    /** The options HAPI's wrapper sets on every core validator it builds, from this module's settings. */
    private Core configure(Core v) {
        v.setAssumeValidRestReferences(isAssumeValidRestReferences());
        v.setBestPracticeWarningLevel(getBestPracticeWarningLevel());
        v.setAnyExtensionsAllowed(isAnyExtensionsAllowed());
        v.setResourceIdRule(IdStatus.OPTIONAL);
        v.setNoTerminologyChecks(isNoTerminologyChecks());
        v.setErrorForUnknownProfiles(isErrorForUnknownProfiles());
        v.setUnknownCodeSystemsCauseErrors(true);
        v.getExtensionDomains().addAll(getExtensionDomains());
        v.setFetcher(getValidatorResourceFetcher());
        v.setPolicyAdvisor(getValidatorPolicyAdvisor());
        v.setNoExtensibleWarnings(isNoExtensibleWarnings());
        v.setNoBindingMsgSuppressed(isNoBindingMsgSuppressed());
        v.setAllowExamples(isAllowExamples());
        v.setAllowXsiLocation(true);
        return v;
    }

    private final class Core extends InstanceValidator {
        Core(IWorkerContext worker) {
            super(worker, hostServices(), new XVerExtensionManagerOld(worker), new ValidatorSession(),
                    new ValidatorSettings());
        }

        /** A fresh validator reports each status hint once per validation, so forget the previous ones. */
        void beforeEachValidation() {
            statusWarnings.clear();
        }
    }

    private IHostApplicationServices hostServices() {
        return Objects.requireNonNullElseGet(getHostApplicationServices(), NullEvaluationContext::new);
    }

    private static final class Pooled {
        final Core core;
        final IWorkerContext worker;
        int uses;

        Pooled(Core core, IWorkerContext worker) {
            this.core = core;
            this.worker = worker;
        }
    }
}
