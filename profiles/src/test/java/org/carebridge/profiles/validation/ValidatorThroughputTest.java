package org.carebridge.profiles.validation;

import static org.junit.jupiter.api.Assertions.assertFalse;

import ca.uhn.fhir.context.FhirContext;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures validations per second (a report, not a pass/fail timing): run with
 * {@code mvn -q -B -pl profiles -am test -Dtest=ValidatorThroughputTest -Dthroughput=true -Dsurefire.failIfNoSpecifiedTests=false}.
 * Prints both wall-clock and per-CPU-second rates, since a shared build machine distorts the first.
 */
@EnabledIfSystemProperty(named = "throughput", matches = "true")
class ValidatorThroughputTest {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

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
            for (int i = 0; i < 20; i++) {
                validator.validate(resource);
            }
            int n = 0;
            long wall = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            while (System.nanoTime() - wall < 10_000_000_000L) {
                validator.validate(resource);
                n++;
            }
            double wallSeconds = (System.nanoTime() - wall) / 1e9;
            double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
            System.out.printf("%s: first %d ms; %d validations: %.1f/s wall, %.1f per CPU-second (one thread)%n",
                    example, firstMs, n, n / wallSeconds, n / cpuSeconds);
        }
    }
}
