package org.carebridge.profiles.validation;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Files;
import java.nio.file.Path;

/** One validator for the whole test JVM: building it is the expensive part. */
final class Validators {
    private Validators() {}

    private static ProfileValidator instance;

    static synchronized ProfileValidator shared() {
        if (instance == null) {
            instance = ProfileValidator.create(FhirContext.forR4Cached());
        }
        return instance;
    }

    static Path sharedDir() {
        Path dir = Path.of(System.getProperty("shared.dir", "../shared"));
        if (!Files.isDirectory(dir)) {
            dir = Path.of("../../shared");
        }
        return dir;
    }
}
