package org.carebridge.profiles.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.LinkedHashMap;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The reusing module reports exactly what HAPI's own module (a fresh core validator per call) reports, for valid
 * and broken resources, however many validations of other resources its core validators have done before.
 */
class ReusingInstanceValidatorTest {

    @Test
    @SuppressWarnings("unchecked")
    void sameMessagesAsAFreshValidatorEveryTime() throws Exception {
        ProfileValidator validator = Validators.shared();
        FhirValidator hapi = validator.fhirContext().newValidator()
                .registerValidatorModule(ProfileValidator.configure(new FhirInstanceValidator(validator.support())));

        Map<String, IBaseResource> cases = new LinkedHashMap<>();
        for (Path file : ExamplesTest.examples()) {
            cases.put(file.getFileName().toString(), ExamplesTest.read(file));
        }
        for (Path file : UkCoreExamplesTest.examples()) {
            cases.put(file.getFileName().toString(),
                    validator.fhirContext().newXmlParser().parseResource(Files.readString(file)));
        }
        for (Arguments broken : ProfileRulesTest.cases().toList()) {
            Object[] a = broken.get();
            Resource resource = ProfileRulesTest.load((String) a[0]);
            ((Consumer<Resource>) a[2]).accept(resource);
            cases.put(a[0] + " with " + a[1], resource);
        }

        Map<String, List<String>> expected = new LinkedHashMap<>();
        cases.forEach((name, resource) ->
                expected.put(name, lines(hapi.validateWithResult(resource, validator.options(resource, List.of())))));
        assertTrue(expected.values().stream().anyMatch(lines -> lines.stream().anyMatch(l -> l.startsWith("ERROR"))),
                "the broken cases give errors, so errors are compared too");
        // More rounds than one core validator's lifetime, so both reused and newly built ones are compared.
        int rounds = ReusingInstanceValidator.USES / cases.size() + 2;
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, IBaseResource> c : cases.entrySet()) {
                assertEquals(expected.get(c.getKey()), lines(validator.validate(c.getValue())),
                        c.getKey() + " in round " + round);
            }
        }
    }

    private static List<String> lines(ValidationResult result) {
        List<String> lines = new ArrayList<>();
        for (SingleValidationMessage m : result.getMessages()) {
            lines.add(m.getSeverity() + " " + m.getLocationString() + " " + m.getLocationLine() + ":"
                    + m.getLocationCol() + " " + m.getMessageId() + " " + m.getMessage());
        }
        return lines;
    }
}
