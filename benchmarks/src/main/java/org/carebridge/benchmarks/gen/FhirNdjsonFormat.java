package org.carebridge.benchmarks.gen;

import ca.uhn.fhir.parser.IParser;
import org.carebridge.benchmarks.gen.Model.*;
import org.hl7.fhir.r4.model.Resource;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** FHIR NDJSON (bulk data style): fhir/Organization.ndjson, Patient.ndjson, Appointment.ndjson. */
final class FhirNdjsonFormat implements DataFormat {
    private final IParser parser = FhirFactory.json();
    private FhirFactory fhir;
    private BufferedWriter orgs, roles, patients, appointments;
    private long written;

    @Override
    public String name() {
        return "fhir-ndjson";
    }

    @Override
    public String describe() {
        return "fhir/*.ndjson: Organization, PractitionerRole, Patient, Appointment";
    }

    @Override
    public void open(Target t) throws IOException {
        Path dir = Files.createDirectories(t.dir().resolve("fhir"));
        fhir = t.fhir();
        orgs = Files.newBufferedWriter(dir.resolve("Organization.ndjson"), StandardCharsets.UTF_8);
        roles = Files.newBufferedWriter(dir.resolve("PractitionerRole.ndjson"), StandardCharsets.UTF_8);
        patients = Files.newBufferedWriter(dir.resolve("Patient.ndjson"), StandardCharsets.UTF_8);
        appointments = Files.newBufferedWriter(dir.resolve("Appointment.ndjson"), StandardCharsets.UTF_8);
    }

    @Override
    public void provider(Provider p) throws IOException {
        line(orgs, fhir.organization(p));
        line(roles, fhir.careRole(p));
    }

    @Override
    public void person(PersonData d) throws IOException {
        line(patients, fhir.patient(d.person()));
        for (Visit v : d.visits()) line(appointments, fhir.appointment(v, d.order().orderNumber()));
    }

    private void line(BufferedWriter w, Resource r) throws IOException {
        w.write(parser.encodeResourceToString(r));
        w.write('\n');
        written++;
    }

    @Override
    public long written() {
        return written;
    }

    @Override
    public void close() throws IOException {
        for (BufferedWriter w : new BufferedWriter[]{orgs, roles, patients, appointments}) if (w != null) w.close();
    }
}
