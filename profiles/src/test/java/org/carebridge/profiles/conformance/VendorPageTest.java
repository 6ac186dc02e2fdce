package org.carebridge.profiles.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/profiles.md is the generated vendor page; it must match the package. Regenerate with
 * {@code -Dregenerate.docs=true} (see profiles/README.md).
 */
class VendorPageTest {

    @Test
    void committedPageMatchesThePackage() throws Exception {
        String page = VendorPage.render(ConformancePackage.load(FhirContext.forR4Cached()));
        Path file = Path.of("").toAbsolutePath().getParent().resolve("docs/profiles.md");
        if (Boolean.getBoolean("regenerate.docs")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, page, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(file), "missing " + file + "; run with -Dregenerate.docs=true");
        assertEquals(page, Files.readString(file, StandardCharsets.UTF_8),
                "docs/profiles.md is stale; run the VendorPageTest with -Dregenerate.docs=true");
    }

    @Test
    void pageListsEveryProfileExtensionAndCode() {
        ConformancePackage pkg = ConformancePackage.load(FhirContext.forR4Cached());
        String page = VendorPage.render(pkg);
        ConformancePackageTest.PROFILES.forEach(n -> assertTrue(page.contains("CareBridge-" + n + "`"), n));
        ConformancePackageTest.EXTENSIONS.forEach(n -> assertTrue(page.contains("Extension-CareBridge-" + n + "`"), n));
        assertTrue(page.contains("| `no-response` | No response |"));
        assertTrue(page.contains("| `SDO` | Service Delivery Order |"));
    }
}
