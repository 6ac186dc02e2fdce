package org.carebridge.benchmarks.gen;

import ca.uhn.fhir.parser.IParser;
import org.carebridge.benchmarks.gen.Model.Discharge;
import org.carebridge.benchmarks.gen.Model.Person;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** discharge/bars/REF-n.json: a BaRS referral request message per synthetic discharge. */
final class BarsFormat implements DataFormat {
    private final IParser parser = FhirFactory.json();
    private Path dir;
    private long written;

    @Override
    public String name() {
        return "bars";
    }

    @Override
    public String describe() {
        return "discharge/bars/*.json: BaRS servicerequest-request message Bundles for $process-message";
    }

    @Override
    public void open(Target t) throws IOException {
        dir = Files.createDirectories(t.dir().resolve("discharge").resolve("bars"));
    }

    @Override
    public void discharge(Discharge d, Person p) throws IOException {
        Files.writeString(dir.resolve(d.referralId() + ".json"),
                parser.encodeResourceToString(BarsMessages.referral(d, p, "https://gateway.example.org/fhir/kent")),
                StandardCharsets.UTF_8);
        written++;
    }

    @Override
    public long written() {
        return written;
    }

    @Override
    public void close() {}
}
