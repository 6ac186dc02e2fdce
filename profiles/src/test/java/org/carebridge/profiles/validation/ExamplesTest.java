package org.carebridge.profiles.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ca.uhn.fhir.validation.ValidationResult;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.carebridge.profiles.conformance.PackageBuilder;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example validates with no errors against its CareBridge profile and the UK Core parent. */
class ExamplesTest {

    static List<Path> examples() throws IOException, URISyntaxException {
        Path dir = Path.of(ExamplesTest.class.getClassLoader().getResource(PackageBuilder.EXAMPLES_DIR).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    static Resource read(Path file) throws IOException {
        return (Resource) Validators.shared().fhirContext().newJsonParser().parseResource(Files.readString(file));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void validatesAgainstItsProfileAndUkCore(Path file) throws IOException {
        ProfileValidator validator = Validators.shared();
        Resource resource = read(file);
        assertEquals(1, resource.getMeta().getProfile().size(), "an example declares exactly one CareBridge profile");
        // validate() adds the UK Core profile of the type; for MeasureReport there is none (R4 core applies).
        ValidationResult result = validator.validate(resource);
        assertFalse(ProfileValidator.hasErrors(result), () -> file.getFileName() + "\n" + ProfileValidator.describe(result));
    }

    @Test
    void everyProfileHasAnExample() throws Exception {
        Set<String> exemplified = new TreeSet<>();
        for (Path file : examples()) {
            read(file).getMeta().getProfile().stream().map(IPrimitiveType::getValue).forEach(exemplified::add);
        }
        Set<String> profiles = Validators.shared().conformance().ofType(StructureDefinition.class).stream()
                .filter(sd -> sd.getKind() == StructureDefinition.StructureDefinitionKind.RESOURCE)
                .map(StructureDefinition::getUrl).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(profiles, exemplified);
    }
}
