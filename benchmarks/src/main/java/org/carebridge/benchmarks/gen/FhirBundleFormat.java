package org.carebridge.benchmarks.gen;

import ca.uhn.fhir.parser.IParser;
import org.carebridge.benchmarks.gen.Model.*;
import org.hl7.fhir.r4.model.Resource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Transaction Bundles ready to POST to a FHIR base: fhir/bundles/1-reference-NNNNN.json (Organizations and
 * Patients) then fhir/bundles/2-appointments-NNNNN.json, each of bundleSize entries, PUT at client-chosen ids.
 */
final class FhirBundleFormat implements DataFormat {
    private final IParser parser = FhirFactory.json();
    private FhirFactory fhir;
    private Path dir;
    private int size;
    private final List<Resource> reference = new ArrayList<>();
    private final List<Resource> appointments = new ArrayList<>();
    private int refFiles, apptFiles;
    private long written;

    @Override
    public String name() {
        return "fhir-bundles";
    }

    @Override
    public String describe() {
        return "fhir/bundles/*.json: transaction Bundles (PUT) of Organizations+PractitionerRoles+Patients, then Appointments";
    }

    @Override
    public void open(Target t) throws IOException {
        dir = Files.createDirectories(t.dir().resolve("fhir").resolve("bundles"));
        fhir = t.fhir();
        size = t.bundleSize();
    }

    @Override
    public void provider(Provider p) throws IOException {
        add(reference, fhir.organization(p), "1-reference-");
        add(reference, fhir.careRole(p), "1-reference-");
    }

    @Override
    public void person(PersonData d) throws IOException {
        add(reference, fhir.patient(d.person()), "1-reference-");
        for (Visit v : d.visits()) add(appointments, fhir.appointment(v, d.order().orderNumber()), "2-appointments-");
    }

    private void add(List<Resource> batch, Resource r, String prefix) throws IOException {
        batch.add(r);
        if (batch.size() == size) flush(batch, prefix);
    }

    private void flush(List<Resource> batch, String prefix) throws IOException {
        if (batch.isEmpty()) return;
        int n = prefix.startsWith("1") ? ++refFiles : ++apptFiles;
        Files.writeString(dir.resolve(prefix + String.format("%05d", n) + ".json"),
                parser.encodeResourceToString(FhirFactory.transaction(batch)), StandardCharsets.UTF_8);
        written += batch.size();
        batch.clear();
    }

    @Override
    public long written() {
        return written;
    }

    @Override
    public void close() throws IOException {
        flush(reference, "1-reference-");
        flush(appointments, "2-appointments-");
    }
}
