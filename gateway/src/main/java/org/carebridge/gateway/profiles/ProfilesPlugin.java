package org.carebridge.gateway.profiles;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.carebridge.gateway.fhir.ServerPlugin;
import org.carebridge.gateway.search.SearchParameterRegistry;
import org.carebridge.profiles.conformance.ConformancePackage;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/**
 * Adds the implementation guide to the FHIR server: the conformance resources (public, read-only), {@code $validate}
 * on every stored type, the CapabilityStatement's supportedProfile and instantiates, and the warn-mode
 * OperationOutcome for clients that ask for it. Write validation itself is {@link ValidatingWriteGuard}.
 */
@Singleton
@Interceptor
public class ProfilesPlugin implements ServerPlugin {
    private final ProfileValidation validation;
    private final Duration validateWait;

    public ProfilesPlugin(ProfileValidation validation,
                          @Value("${carebridge.validation.strict-wait:120s}") Duration validateWait) {
        this.validation = validation;
        this.validateWait = validateWait;
    }

    @Override
    public void register(RestfulServer server) {
        List<Object> providers = new ArrayList<>(ConformanceProvider.all(validation));
        for (Class<? extends Resource> type : SearchParameterRegistry.RESOURCE_TYPES) {
            providers.add(validateProvider(type));
        }
        server.registerProviders(providers);
        server.registerInterceptor(this);
    }

    private <T extends Resource> ValidateProvider<T> validateProvider(Class<T> type) {
        return new ValidateProvider<>(type, validation, validateWait);
    }

    /** After the store's customizer: which profiles each type supports, and the guide it instantiates. */
    @Hook(value = Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED, order = 100)
    public void capabilityStatement(IBaseConformance conformance) {
        CapabilityStatement cs = (CapabilityStatement) conformance;
        ConformancePackage pkg = validation.conformance(Duration.ofSeconds(3)).orElse(null);
        if (pkg == null) {
            return; // still loading (the first seconds after start): a later statement names the profiles
        }
        CapabilityStatement ours = pkg.capabilityStatement();
        if (!cs.hasInstantiates(ours.getUrl())) {
            cs.addInstantiates(ours.getUrl());
        }
        for (var rest : cs.getRest()) {
            for (var res : rest.getResource()) {
                for (var sd : pkg.profilesFor(res.getType())) {
                    if (res.getSupportedProfile().stream().noneMatch(p -> sd.getUrl().equals(p.getValue()))) {
                        res.addSupportedProfile(sd.getUrl());
                    }
                }
            }
        }
    }

    /** warn mode: a client that sends {@code Prefer: return=OperationOutcome} gets the validation issues. */
    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean outgoing(RequestDetails rd, ResponseDetails response) {
        Object oo = rd.getUserData().get(ValidatingWriteGuard.OUTCOME_KEY);
        if (!(oo instanceof OperationOutcome outcome)) {
            return true;
        }
        if (ProfileValidation.wantsOutcome(rd)) {
            response.setResponseResource(ProfileValidation.orNoIssues(outcome));
        }
        return true;
    }
}
