package org.carebridge.gateway.profiles;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.carebridge.gateway.tenant.TenantConfig;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The validator costs nothing until something needs it: with every tenant in warn mode, neither start-up nor a
 * warn write whose client does not ask for the OperationOutcome builds it, while the served guide is loaded on
 * its own. (That the first validating request then builds it and waits is shown by ProfilesGatewayTest, whose
 * server starts with all tenants in warn mode.)
 */
class ProfileValidationLifecycleTest {
    private static ApplicationContext context;
    private static Environment env;

    @BeforeAll
    static void environment() {
        context = ApplicationContext.builder(Map.of("carebridge.tenants.kent.validation", "warn")).build();
        env = context.getEnvironment();
        env.start();
    }

    @AfterAll
    static void close() {
        env.stop();
    }

    @Test
    void allWarnTenantsNeverBuildTheValidatorUnlessAClientAsks() {
        ValidationModes modes = new ValidationModes(env, List.of(new TenantConfig("kent", "Kent", "886")));
        assertFalse(modes.anyStrict());
        ProfileValidation validation = new ProfileValidation(FhirContext.forR4Cached(), modes, "auto");
        validation.onApplicationEvent(null);
        assertFalse(validation.requested(), "start-up with no strict tenant builds nothing");

        SystemRequestDetails write = new SystemRequestDetails();
        write.setTenantId("kent");
        Patient nonConforming = new Patient();
        nonConforming.addName().setFamily("Example");
        new ValidatingWriteGuard(validation, modes, Duration.ofSeconds(1))
                .beforeWrite(write, "create", "Patient", null, nonConforming);
        assertNull(write.getUserData().get(ValidatingWriteGuard.OUTCOME_KEY), "nobody asked for the outcome");
        assertFalse(validation.requested(), "a warn write without Prefer: return=OperationOutcome builds nothing");

        assertTrue(validation.conformance(Duration.ofSeconds(120)).isPresent(), "the served guide loads on its own");
        assertFalse(validation.requested());
    }

    @Test
    void aStrictTenantOrAPreferringClientIsWhatAsks() {
        ValidationModes modes = new ValidationModes(env, List.of(new TenantConfig("kent", "Kent", "886")));
        modes.set("lbhf", ValidationMode.STRICT);
        assertTrue(modes.anyStrict());
        SystemRequestDetails asks = new SystemRequestDetails();
        asks.addHeader("Prefer", "return=OperationOutcome");
        assertTrue(ProfileValidation.wantsOutcome(asks));
        SystemRequestDetails minimal = new SystemRequestDetails();
        minimal.addHeader("Prefer", "return=minimal");
        assertFalse(ProfileValidation.wantsOutcome(minimal));
        assertFalse(ProfileValidation.wantsOutcome(new SystemRequestDetails()));
    }
}
