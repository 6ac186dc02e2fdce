package org.carebridge.benchmarks.gen;

import org.carebridge.benchmarks.gen.Model.EcmEvent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** ECM events as JSON push bodies, ecm/push/NNNNN.json, each {"events": [...]} of bundleSize events. */
public final class EcmJsonFormat implements DataFormat {
    private Path dir;
    private int size;
    private final List<EcmEvent> batch = new ArrayList<>();
    private int files;
    private long written;

    @Override
    public String name() {
        return "ecm-json";
    }

    @Override
    public String describe() {
        return "ecm/push/*.json: {\"events\": [...]} bodies for the ECM push endpoint";
    }

    @Override
    public void open(Target t) throws IOException {
        dir = Files.createDirectories(t.dir().resolve("ecm").resolve("push"));
        size = t.bundleSize();
    }

    @Override
    public void person(PersonData d) throws IOException {
        for (EcmEvent e : d.events()) {
            batch.add(e);
            if (batch.size() == size) flush();
        }
    }

    public static String body(List<EcmEvent> events) {
        StringBuilder b = new StringBuilder(events.size() * 300).append("{\"events\": [");
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) b.append(",\n");
            EcmEvent e = events.get(i);
            b.append("{\"eventId\": ").append(Text.json(e.eventId()))
                    .append(", \"providerId\": ").append(Text.json(e.providerId()))
                    .append(", \"clientId\": ").append(Text.json(e.clientId()))
                    .append(", \"orderId\": ").append(Text.json(e.orderId()))
                    .append(", \"visitId\": ").append(Text.json(e.visitId()))
                    .append(", \"workerId\": ").append(Text.json(e.workerId()))
                    .append(", \"type\": ").append(Text.json(e.kind().code))
                    .append(", \"time\": ").append(Text.json(e.time().toString()))
                    .append(", \"method\": ").append(Text.json(e.method()))
                    .append(", \"locationVerified\": ").append(e.locationVerified());
            if (e.exceptionCode() != null) {
                b.append(", \"exceptionCode\": ").append(Text.json(e.exceptionCode()))
                        .append(", \"reason\": ").append(Text.json(e.reason()))
                        .append(", \"enteredBy\": ").append(Text.json(e.enteredBy()))
                        .append(", \"enteredAt\": ").append(Text.json(e.enteredAt().toString()));
            }
            b.append('}');
        }
        return b.append("]}\n").toString();
    }

    private void flush() throws IOException {
        if (batch.isEmpty()) return;
        Files.writeString(dir.resolve(String.format("%05d.json", ++files)), body(batch), StandardCharsets.UTF_8);
        written += batch.size();
        batch.clear();
    }

    @Override
    public long written() {
        return written;
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
