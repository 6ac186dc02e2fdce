package org.carebridge.mappings.mosaic;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.carebridge.mappings.mosaic.read.CsvColumnMapping;
import org.carebridge.mappings.mosaic.read.ExtractRecord;
import org.carebridge.mappings.mosaic.read.MosaicExtractReader;
import org.carebridge.mappings.mosaic.read.MosaicExtracts;
import org.carebridge.mappings.mosaic.read.ReaderLimits;
import org.hl7.fhir.r4.model.Bundle;

/** Test files and helpers shared by the Mosaic tests. */
final class Samples {
    static final FhirContext FHIR = FhirContext.forR4Cached();
    static final byte[] KEY = "test-access-reference-key-0001".getBytes(StandardCharsets.UTF_8);

    private Samples() {}

    static InputStream open(String name) {
        InputStream in = Samples.class.getResourceAsStream("/mosaic/" + name);
        if (in == null) {
            throw new IllegalArgumentException("no test resource " + name);
        }
        return in;
    }

    static List<ExtractRecord> readAll(String name, CsvColumnMapping mapping) {
        MosaicExtracts.Format format = MosaicExtracts.formatOf(name);
        try (MosaicExtractReader r = MosaicExtracts.open(open(name), format, ReaderLimits.DEFAULT, mapping)) {
            List<ExtractRecord> all = new ArrayList<>();
            r.forEachRemaining(all::add);
            return all;
        }
    }

    /** The mapped resources of one person as a pretty JSON collection Bundle: what the golden files hold. */
    static String bundleJson(MappedPerson m) {
        Bundle b = new Bundle().setType(Bundle.BundleType.COLLECTION);
        m.resources().forEach(r -> b.addEntry().setFullUrl(Samples.FULL_URL_BASE + r.fhirType() + "/"
                + r.getIdElement().getIdPart()).setResource(r));
        return FHIR.newJsonParser().setPrettyPrint(true).encodeResourceToString(b) + "\n";
    }

    /** A golden file written by another test (read only). */
    static String readGolden(String name) {
        try {
            return Files.readString(Path.of(System.getProperty("basedir", "."), "src/test/resources/mosaic/golden",
                    name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final String FULL_URL_BASE = "https://gateway.example/fhir/";

    /**
     * Compares with a golden file under src/test/resources/mosaic/golden. Run with -Dgolden.update=true to rewrite
     * them after a deliberate change (and review the diff).
     */
    static String golden(String name, String actual) {
        Path file = Path.of(System.getProperty("basedir", "."), "src/test/resources/mosaic/golden", name);
        try {
            if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
