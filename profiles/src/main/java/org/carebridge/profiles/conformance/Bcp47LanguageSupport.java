package org.carebridge.profiles.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Accepts any well-formed BCP-47 language tag for {@code urn:ietf:bcp:47} and the all-languages value set, as
 * R4 defines them. HAPI's built-in list lacks tags real records use, e.g. {@code bfi} (British Sign Language,
 * in the UK Core Patient examples).
 */
final class Bcp47LanguageSupport implements IValidationSupport {
    static final String SYSTEM = "urn:ietf:bcp:47";
    private static final String ALL_LANGUAGES = "http://hl7.org/fhir/ValueSet/all-languages";
    private static final Pattern TAG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");

    private final FhirContext ctx;

    Bcp47LanguageSupport(FhirContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public FhirContext getFhirContext() {
        return ctx;
    }

    @Override
    public boolean isCodeSystemSupported(ValidationSupportContext context, String system) {
        return SYSTEM.equals(system);
    }

    @Override
    public boolean isValueSetSupported(ValidationSupportContext context, String valueSetUrl) {
        return valueSetUrl != null && valueSetUrl.startsWith(ALL_LANGUAGES);
    }

    @Override
    public CodeValidationResult validateCode(ValidationSupportContext context, ConceptValidationOptions options,
                                             String system, String code, String display, String valueSetUrl) {
        if (!SYSTEM.equals(system) || (valueSetUrl != null && !isValueSetSupported(context, valueSetUrl))) {
            return null;
        }
        return judge(system, code, display);
    }

    @Override
    public CodeValidationResult validateCodeInValueSet(ValidationSupportContext context, ConceptValidationOptions options,
                                                       String system, String code, String display, IBaseResource valueSet) {
        String url = ctx.newTerser().getSinglePrimitiveValueOrNull(valueSet, "url");
        if (!isValueSetSupported(context, url) || (system != null && !SYSTEM.equals(system))) {
            return null;
        }
        return judge(SYSTEM, code, display);
    }

    private static CodeValidationResult judge(String system, String code, String display) {
        if (code != null && TAG.matcher(code).matches()) {
            return new CodeValidationResult().setCodeSystemName(system).setCode(code).setDisplay(display);
        }
        return new CodeValidationResult().setSeverity(IssueSeverity.ERROR)
                .setMessage("not a well-formed BCP-47 language tag: " + code);
    }
}
