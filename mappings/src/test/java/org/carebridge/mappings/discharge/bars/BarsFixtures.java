package org.carebridge.mappings.discharge.bars;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.carebridge.mappings.discharge.SharedDir;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.instance.model.api.IBaseResource;

final class BarsFixtures {
    static final FhirContext FHIR = FhirContext.forR4();
    /** The endpoint every BaRS example addresses (destination.endpoint). */
    static final String EXAMPLE_ENDPOINT = "http://fhir.nhs.uk/Id/dos-service-id|111111111";
    /** The examples' receiver Organization carries no ODS code, so the tenant is known by endpoint only. */
    static final BarsReceiver TENANT = new BarsReceiver("kent", Set.of(EXAMPLE_ENDPOINT), null);
    static final String VALIDATION_REQUEST = "process_message/request/ValidationRequest (POST) .json";
    static final String VALIDATION_RESPONSE = "process_message/request/ValidationResponse (POST) .json";
    /** A valid NHS number (modulus 11) used where the example's own number fails the check. */
    static final String VALID_NHS = "9434765919";

    private BarsFixtures() {}

    static String text(String relative) {
        try {
            return Files.readString(SharedDir.barsExamples().resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static IBaseResource parse(String relative) {
        return FHIR.newJsonParser().parseResource(text(relative));
    }

    static Bundle bundle(String relative) {
        return (Bundle) parse(relative);
    }

    /** The example with its patient's NHS number replaced by a valid one. */
    static Bundle withValidNhsNumber(String relative) {
        Bundle b = bundle(relative);
        for (Bundle.BundleEntryComponent e : b.getEntry()) {
            if (e.getResource() instanceof Patient p) {
                for (Identifier i : p.getIdentifier()) {
                    if ("https://fhir.nhs.uk/Id/nhs-number".equals(i.getSystem())) {
                        i.setValue(VALID_NHS);
                    }
                }
            }
        }
        return b;
    }

    static Path examples() {
        return SharedDir.barsExamples();
    }
}
