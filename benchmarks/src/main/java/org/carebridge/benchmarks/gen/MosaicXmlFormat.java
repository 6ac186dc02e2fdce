package org.carebridge.benchmarks.gen;

import org.carebridge.benchmarks.gen.Model.*;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Mosaic extracts in the gateway's XML format (namespace .../mosaic/extract/1): mosaic/full.xml with every person,
 * plan and order, and mosaic/delta.xml with about 2 % of people changed (calls moved, orders varied or ended).
 */
final class MosaicXmlFormat implements DataFormat {
    static final String NS = "https://fhir.carebridge.org.uk/mosaic/extract/1";
    private BufferedWriter full, delta;
    private SyntheticWorld world;
    private long written;

    @Override
    public String name() {
        return "mosaic-xml";
    }

    @Override
    public String describe() {
        return "mosaic/full.xml and mosaic/delta.xml: Mosaic extracts (people, plans, orders, calls)";
    }

    @Override
    public void open(Target t) throws IOException {
        Path dir = Files.createDirectories(t.dir().resolve("mosaic"));
        world = t.world();
        full = Files.newBufferedWriter(dir.resolve("full.xml"), StandardCharsets.UTF_8);
        delta = Files.newBufferedWriter(dir.resolve("delta.xml"), StandardCharsets.UTF_8);
        header(full, "full", "SYNTH-FULL-" + world.seed());
        header(delta, "delta", "SYNTH-DELTA-" + world.seed());
    }

    private void header(BufferedWriter w, String type, String id) throws IOException {
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- Synthetic: invented people, test-range NHS numbers. -->\n");
        w.write("<extract xmlns=\"" + NS + "\">\n  <header>\n    <council>kent</council>\n    <extractType>" + type
                + "</extractType>\n    <extractTime>" + world.scale().weekStart().minusDays(1) + "T06:00:00Z</extractTime>\n"
                + "    <extractId>" + id + "</extractId>\n  </header>\n");
    }

    @Override
    public void person(PersonData d) throws IOException {
        full.write(person(d, null));
        written++;
        SplittableRandom r = world.rng(0x6A6L, d.person().index());
        if (r.nextInt(100) < 2) {
            delta.write(person(d, r.nextBoolean() ? "varied" : "ended"));
        }
    }

    String person(PersonData d, String change) {
        Person p = d.person();
        Order o = d.order();
        Provider prov = world.provider(p.providerIndex());
        StringBuilder b = new StringBuilder(2048);
        b.append("  <person>\n    <personId>").append(p.personId()).append("</personId>\n");
        if (p.nhsNumber() != null) {
            b.append("    <nhsNumber>").append(p.nhsNumber()).append("</nhsNumber>\n    <nhsNumberVerification>01</nhsNumberVerification>\n");
        }
        b.append("    <name><title>").append(p.title()).append("</title><given>").append(Text.xml(p.given()))
                .append("</given><family>").append(Text.xml(p.family())).append("</family></name>\n")
                .append("    <birthDate>").append(p.birthDate()).append("</birthDate>\n")
                .append("    <gender>").append(p.gender()).append("</gender>\n")
                .append("    <address><line>").append(Text.xml(p.addressLine())).append("</line><town>").append(p.town())
                .append("</town><postcode>").append(p.postcode()).append("</postcode><ruralityClass>").append(p.rurality())
                .append("</ruralityClass></address>\n")
                .append("    <clientGroup>").append(p.clientGroup()).append("</clientGroup>\n")
                .append("    <access><keySafeCode>").append(String.format("%04d", Math.floorMod(p.personId().hashCode() * 31, 10_000)))
                .append("</keySafeCode></access>\n");
        boolean doubleHanded = o.calls().stream().anyMatch(c -> c.workers() == 2);
        b.append("    <plan>\n      <planId>").append(o.planId()).append("</planId>\n      <status>active</status>\n")
                .append("      <start>").append(o.start()).append("</start>\n")
                .append("      <need><description>Maintaining personal hygiene</description><met>true</met></need>\n")
                .append("      <personalOutcome>To stay living in my own home</personalOutcome>\n")
                .append("      <timeCriticalCalls>").append(o.calls().stream().anyMatch(Call::timeCritical)).append("</timeCriticalCalls>\n")
                .append("      <doubleHanded>").append(doubleHanded).append("</doubleHanded>\n")
                .append("      <nightSupport>none</nightSupport>\n    </plan>\n");
        double hours = o.weeklyHours();
        b.append("    <order>\n      <orderNumber>").append(o.orderNumber()).append("</orderNumber>\n      <kind>SDO</kind>\n")
                .append("      <planId>").append(o.planId()).append("</planId>\n")
                .append("      <provider><odsCode>").append(prov.odsCode()).append("</odsCode><cqcLocationId>").append(prov.cqcLocationId())
                .append("</cqcLocationId><name>").append(Text.xml(prov.name())).append("</name></provider>\n")
                .append("      <serviceLine>home-care</serviceLine>\n      <supportLevel>").append(doubleHanded ? "complex" : "standard")
                .append("</supportLevel>\n      <units>").append(String.format("%.2f", hours)).append("</units>\n")
                .append("      <unitOfPurchase>hour</unitOfPurchase>\n      <frequency>week</frequency>\n")
                .append("      <maxWeeklyHours>").append((int) Math.ceil(hours)).append("</maxWeeklyHours>\n");
        for (Call c : o.calls()) {
            int minute = c.minute() + ("varied".equals(change) ? 15 : 0);
            b.append("      <call><time>").append(String.format("%02d:%02d", c.hour() + minute / 60, minute % 60))
                    .append("</time><minutes>").append(c.minutes()).append("</minutes><workers>").append(c.workers())
                    .append("</workers><timeCritical>").append(c.timeCritical()).append("</timeCritical></call>\n");
        }
        b.append("      <start>").append(o.start()).append("</start>\n");
        if ("ended".equals(change)) {
            b.append("      <end>").append(world.scale().weekStart().plusDays(3)).append("</end>\n      <status>ended</status>\n");
        } else {
            b.append("      <status>").append(change == null ? "active" : change).append("</status>\n");
            if (change != null) b.append("      <statusDate>").append(world.scale().weekStart()).append("</statusDate>\n");
        }
        b.append("    </order>\n  </person>\n");
        return b.toString();
    }

    @Override
    public long written() {
        return written;
    }

    @Override
    public void close() throws IOException {
        for (BufferedWriter w : new BufferedWriter[]{full, delta}) {
            if (w != null) {
                w.write("</extract>\n");
                w.close();
            }
        }
    }
}
