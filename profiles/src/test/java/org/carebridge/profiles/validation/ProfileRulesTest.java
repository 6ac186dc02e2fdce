package org.carebridge.profiles.validation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.validation.ValidationResult;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.carebridge.profiles.Canonical;
import org.carebridge.profiles.conformance.PackageBuilder;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each profile rule bites: a valid example, broken in one way, fails with an error. */
class ProfileRulesTest {

    private static Arguments breaking(String example, String how, Consumer<Resource> change) {
        return Arguments.of(example, how, change);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                breaking("PractitionerRole-CareWorker-Example", "a National Insurance number as identifier",
                        r -> ((PractitionerRole) r).getIdentifierFirstRep()
                                .setSystem("https://fhir.carebridge.org.uk/Id/ni-number").setValue("QQ123456C")),
                breaking("PractitionerRole-CareWorker-Example", "a reference to a named Practitioner",
                        r -> ((PractitionerRole) r).setPractitioner(new Reference("Practitioner/1"))),
                breaking("ServiceRequest-OrderForCare-Example", "a service line outside the code system",
                        r -> ((ServiceRequest) r).getCode().getCodingFirstRep().setCode("gardening")),
                breaking("ServiceRequest-OrderForCare-Example", "no SDO/FAN/PO category",
                        r -> ((ServiceRequest) r).getCategory().clear()),
                breaking("ServiceRequest-OrderForCare-Example", "no order number",
                        r -> ((ServiceRequest) r).getIdentifier().clear()),
                breaking("ServiceRequest-OrderForCare-Example", "zero workers required",
                        r -> ((DomainResource) r).getExtensionByUrl(Canonical.extension("WorkersRequired"))
                                .setValue(new PositiveIntType(0))),
                breaking("ServiceRequest-OrderForCare-Example", "an unknown order status",
                        r -> ((DomainResource) r).getExtensionByUrl(Canonical.extension("OrderStatus"))
                                .setValue(new CodeableConcept(new Coding(Canonical.codeSystem("OrderStatus"), "paused", null)))),
                breaking("ServiceRequest-OrderForCare-Example", "time-critical given as a code",
                        r -> ((DomainResource) r).getExtensionByUrl(Canonical.extension("TimeCritical"))
                                .setValue(new CodeableConcept(new Coding("urn:x", "yes", null)))),
                breaking("Patient-Person-Example", "an unknown rurality class",
                        r -> ((DomainResource) r).getExtensionByUrl(Canonical.extension("RuralityClass"))
                                .setValue(new CodeableConcept(new Coding(Canonical.codeSystem("RuralityClass"), "suburban", null)))),
                breaking("Encounter-ActualVisit-Example", "an ambulatory class instead of home health",
                        r -> ((Encounter) r).setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", null))),
                // A missed or refused visit has no actual period: the visit id is what must be there.
                breaking("Encounter-ActualVisit-Example", "no visit identifier",
                        r -> ((Encounter) r).setIdentifier(null)),
                breaking("Encounter-ActualVisit-Example", "location verified as text",
                        r -> ((DomainResource) r).getExtensionByUrl(Canonical.extension("LocationVerified"))
                                .setValue(new org.hl7.fhir.r4.model.StringType("yes"))),
                breaking("Task-Alert-Example", "no alert code",
                        r -> ((Task) r).setCode(null)),
                breaking("Task-Alert-Example", "an alert code outside NotificationReason and ReferralAlert",
                        r -> ((Task) r).getCode().getCodingFirstRep().setCode("gardening")),
                breaking("Task-Alert-Example", "the offer task code",
                        r -> ((Task) r).getCode().getCodingFirstRep().setCode("offer")),
                breaking("Task-Offer-Example", "a response outside OrderStatus",
                        r -> ((Task) r).getBusinessStatus().getCodingFirstRep().setCode("maybe")),
                breaking("Patient-Person-Example", "a payable flag (an Encounter-only extension)",
                        r -> ((DomainResource) r).addExtension(Canonical.extension("LocationVerified"), new BooleanType(true))));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("cases")
    void isRejected(String example, String how, Consumer<Resource> change) throws IOException, URISyntaxException {
        Resource resource = load(example);
        change.accept(resource);
        ValidationResult result = Validators.shared().validate(resource);
        assertTrue(ProfileValidator.hasErrors(result), example + " with " + how + " should fail");
    }

    @Test
    void errorsBecomeAnOperationOutcomeWithErrorIssues() throws Exception {
        Resource resource = load("Task-Alert-Example");
        ((Task) resource).setCode(null);
        OperationOutcome outcome = ProfileValidator.toOperationOutcome(Validators.shared().validate(resource));
        assertTrue(outcome.getIssue().stream().anyMatch(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR));
    }

    static Resource load(String example) throws IOException, URISyntaxException {
        Path file = Path.of(ProfileRulesTest.class.getClassLoader()
                .getResource(PackageBuilder.EXAMPLES_DIR + "/" + example + ".json").toURI());
        return ExamplesTest.read(file);
    }
}
