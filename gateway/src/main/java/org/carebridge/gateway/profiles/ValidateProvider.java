package org.carebridge.gateway.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.validation.ValidationResult;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.carebridge.profiles.validation.ProfileValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;

/**
 * {@code POST /fhir/{tenant}/{Type}/$validate} (optional {@code profile}): the resource (the body, or the
 * {@code resource} part of a Parameters body) is checked exactly as a create would be in strict mode — the given
 * profile, else its declared profiles and the type's CareBridge profile when it declares none, and UK Core — and
 * the answer is the OperationOutcome (200 whether or not it has errors, as the FHIR specification says). Nothing is
 * stored. Registered beside the type's store provider; the body is read here (not by HAPI's strict parser) so an
 * unknown element is reported in the OperationOutcome like any other issue.
 */
public class ValidateProvider<T extends Resource> implements IResourceProvider {
    private final Class<T> type;
    private final ProfileValidation validation;
    private final Duration wait;

    ValidateProvider(Class<T> type, ProfileValidation validation, Duration wait) {
        this.type = type;
        this.validation = validation;
        this.wait = wait;
    }

    @Override
    public Class<T> getResourceType() {
        return type;
    }

    @Operation(name = "$validate", idempotent = false, manualRequest = true, manualResponse = true)
    public void validate(RequestDetails request, HttpServletResponse response) throws IOException {
        ProfileValidator v = validation.await(wait).orElseThrow(ProfileValidation::starting);
        FhirContext ctx = v.fhirContext();
        String body = new String(request.loadRequestContents(), StandardCharsets.UTF_8).trim();
        if (body.isEmpty()) {
            throw new InvalidRequestException("$validate needs the resource to check as the request body");
        }
        IParser parser = (body.startsWith("<") ? ctx.newXmlParser() : ctx.newJsonParser())
                .setParserErrorHandler(new LenientErrorHandler(false));
        IBaseResource parsed;
        try {
            parsed = parser.parseResource(body);
        } catch (RuntimeException e) {
            throw new InvalidRequestException("The body is not a FHIR resource");
        }
        String profile = first(request, "profile");
        if (parsed instanceof Parameters p && !type.equals(Parameters.class)) {
            Parameters.ParametersParameterComponent part = p.getParameter("resource");
            if (part == null || part.getResource() == null) {
                throw new InvalidRequestException("$validate: the Parameters body has no 'resource' part");
            }
            parsed = part.getResource();
            if (profile == null && p.getParameter("profile") != null) {
                profile = p.getParameter("profile").getValue().primitiveValue();
            }
        }
        if (!type.isInstance(parsed)) {
            throw new InvalidRequestException("$validate on " + type.getSimpleName() + " needs a "
                    + type.getSimpleName() + ", not a " + ctx.getResourceType(parsed));
        }
        Resource resource = (Resource) parsed;
        List<String> profiles = new ArrayList<>();
        if (profile != null && !profile.isBlank()) {
            profiles.add(profile.trim());
        } else {
            profiles.addAll(ValidatingWriteGuard.defaultProfiles(v, resource));
        }
        ValidationResult result = v.validate(resource, profiles);
        OperationOutcome oo = ProfileValidation.orNoIssues(ProfileValidator.toOperationOutcome(result));
        boolean xml = String.valueOf(request.getHeader("Accept")).contains("xml");
        response.setStatus(200);
        response.setCharacterEncoding("UTF-8");
        response.setContentType(xml ? "application/fhir+xml" : "application/fhir+json");
        response.getWriter().write((xml ? ctx.newXmlParser() : ctx.newJsonParser()).encodeResourceToString(oo));
        response.getWriter().flush();
    }

    private static String first(RequestDetails request, String name) {
        String[] values = request.getParameters().get(name);
        return values == null || values.length == 0 ? null : values[0];
    }
}
