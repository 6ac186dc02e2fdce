package org.carebridge.benchmarks.gen;

import org.carebridge.benchmarks.gen.Model.EcmEvent;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * ECM events as one CSV batch file, ecm/events.csv, with the ECM feed's default column names and ISO-8601 times
 * (the ecm feed's defaults, so no per-provider column mapping is needed). Rows keep the generator's noise.
 */
public final class EcmCsvFormat implements DataFormat {
    static final String HEADER = "eventId,providerId,clientId,orderId,visitId,workerId,type,time,method,locationVerified,"
            + "exceptionCode,reason,enteredBy,enteredAt";
    private BufferedWriter out;
    private long written;

    @Override
    public String name() {
        return "ecm-csv";
    }

    @Override
    public String describe() {
        return "ecm/events.csv: every ECM event of the week, feed default columns";
    }

    @Override
    public void open(Target t) throws IOException {
        out = Files.newBufferedWriter(Files.createDirectories(t.dir().resolve("ecm")).resolve("events.csv"), StandardCharsets.UTF_8);
        out.write(HEADER);
        out.write('\n');
    }

    @Override
    public void person(PersonData d) throws IOException {
        for (EcmEvent e : d.events()) {
            out.write(row(e));
            out.write('\n');
            written++;
        }
    }

    /** One provider's batch file: the header, then a row per event in the order given. */
    public static String file(java.util.List<EcmEvent> events) {
        StringBuilder b = new StringBuilder(events.size() * 160).append(HEADER).append('\n');
        for (EcmEvent e : events) b.append(row(e)).append('\n');
        return b.toString();
    }

    static String row(EcmEvent e) {
        return String.join(",", Text.csv(e.eventId()), Text.csv(e.providerId()), Text.csv(e.clientId()), Text.csv(e.orderId()),
                Text.csv(e.visitId()), Text.csv(e.workerId()), e.kind().code, e.time().toString(), e.method(),
                Boolean.toString(e.locationVerified()), Text.csv(e.exceptionCode()), Text.csv(e.reason()),
                Text.csv(e.enteredBy()), e.enteredAt() == null ? "" : e.enteredAt().toString());
    }

    @Override
    public long written() {
        return written;
    }

    @Override
    public void close() throws IOException {
        if (out != null) out.close();
    }
}
