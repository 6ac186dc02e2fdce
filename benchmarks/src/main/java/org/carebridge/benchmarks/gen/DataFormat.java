package org.carebridge.benchmarks.gen;

import org.carebridge.benchmarks.gen.Model.*;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One output of {@code generate}: a file format of the gateway (or FHIR). The generator walks the world once and
 * hands every record to every chosen format, so adding a feed's format is one class plus one line in
 * {@link DataFormats}.
 */
public interface DataFormat extends AutoCloseable {
    String name();

    String describe();

    void open(Target target) throws IOException;

    /** Where and what to write: the output directory, the world, FHIR ids' prefix and the Bundle size. */
    record Target(Path dir, SyntheticWorld world, FhirFactory fhir, int bundleSize) {}

    default void provider(Provider provider) throws IOException {}

    default void person(PersonData data) throws IOException {}

    default void discharge(Discharge discharge, Person person) throws IOException {}

    /** How many records (resources, events, messages) were written, for the summary. */
    long written();

    @Override
    void close() throws IOException;
}
