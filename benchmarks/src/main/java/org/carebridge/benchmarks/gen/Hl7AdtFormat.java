package org.carebridge.benchmarks.gen;

import org.carebridge.benchmarks.gen.Model.Discharge;
import org.carebridge.benchmarks.gen.Model.Person;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** discharge/adt/REF-n-A01.hl7 and -A03.hl7: the admission and discharge of each synthetic stay. */
final class Hl7AdtFormat implements DataFormat {
    private Path dir;
    private long written;

    @Override
    public String name() {
        return "hl7-adt";
    }

    @Override
    public String describe() {
        return "discharge/adt/*.hl7: HL7 v2.5 ADT A01 and A03 per stay (one message per file)";
    }

    @Override
    public void open(Target t) throws IOException {
        dir = Files.createDirectories(t.dir().resolve("discharge").resolve("adt"));
    }

    @Override
    public void discharge(Discharge d, Person p) throws IOException {
        for (String event : new String[]{"A01", "A03"}) {
            Files.writeString(dir.resolve(d.referralId() + "-" + event + ".hl7"), Hl7Adt.message(d, p, event), StandardCharsets.UTF_8);
            written++;
        }
    }

    @Override
    public long written() {
        return written;
    }

    @Override
    public void close() {}
}
