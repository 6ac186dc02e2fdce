package org.carebridge.profiles.validation;

import static org.junit.jupiter.api.Assertions.assertFalse;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures validations per second (not a pass/fail timing): run with
 * {@code mvn -q -B -pl profiles -am test -Dtest=ValidatorThroughputTest -Dthroughput=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "throughput", matches = "true")
class ValidatorThroughputTest {

    @Test
    void measure() throws Exception {
        long start = System.nanoTime();
        ProfileValidator validator = ProfileValidator.create(FhirContext.forR4Cached());
        System.out.printf("validator built in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        for (String example : new String[] {"Patient-Person-Example", "Appointment-PlannedVisit-Example",
                "Encounter-ActualVisit-Example", "ServiceRequest-OrderForCare-Example"}) {
            Resource resource = ExamplesTest.read(Path.of(getClass().getClassLoader()
                    .getResource("org/carebridge/profiles/fhir/examples/" + example + ".json").toURI()));
            long first = System.nanoTime();
            assertFalse(ProfileValidator.hasErrors(validator.validate(resource)));
            long firstMs = (System.nanoTime() - first) / 1_000_000;
            for (int i = 0; i < 200; i++) {
                validator.validate(resource);
            }
            int n = 1000;
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                validator.validate(resource);
            }
            double perSecond = n / ((System.nanoTime() - t) / 1e9);
            System.out.printf("%s: first %d ms, then %.0f validations/s (one thread)%n", example, firstMs, perSecond);
        }
    }
}
