package org.carebridge.profiles.validation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.validation.ValidationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The UK Core examples for the resources the gateway takes from outside must pass with no errors. */
class UkCoreExamplesTest {

    static List<Path> examples() throws IOException {
        Path dir = Validators.sharedDir().resolve("fhir/uk-core/examples");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString()
                            .matches("UKCore-(Patient|Appointment|ServiceRequest|Encounter)-.*\\.xml"))
                    .sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void validatesWithoutErrors(Path file) throws IOException {
        ProfileValidator validator = Validators.shared();
        IBaseResource resource = validator.fhirContext().newXmlParser().parseResource(Files.readString(file));
        ValidationResult result = validator.validate(resource);
        assertFalse(ProfileValidator.hasErrors(result), () -> file.getFileName() + "\n" + ProfileValidator.describe(result));
    }

    @org.junit.jupiter.api.Test
    void coversTheFourResourceTypes() throws IOException {
        List<String> names = examples().stream().map(p -> p.getFileName().toString()).toList();
        for (String type : List.of("Patient", "Appointment", "ServiceRequest", "Encounter")) {
            assertTrue(names.stream().anyMatch(n -> n.startsWith("UKCore-" + type + "-")), type);
        }
    }
}
