package org.carebridge.routes.mosaic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.carebridge.mappings.mosaic.MosaicExtractWriter;
import org.carebridge.mappings.mosaic.MosaicMapper;
import org.carebridge.mappings.mosaic.SyntheticMosaic;
import org.carebridge.mappings.mosaic.model.ExtractHeader;
import org.carebridge.mappings.mosaic.model.PersonRecord;
import org.carebridge.mappings.mosaic.plan.ExtractReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real files dropped into a polled inbox; the store is an in-memory sink. */
class MosaicInboxRouteTest {
    @TempDir
    Path inbox;

    private CamelContext camel;
    private InMemoryMosaicSink sink;

    @BeforeEach
    void start() throws Exception {
        sink = new InMemoryMosaicSink();
        MosaicSourceConfig config = new MosaicSourceConfig("kent", inbox,
                org.carebridge.mappings.mosaic.read.ReaderLimits.DEFAULT,
                org.carebridge.mappings.mosaic.read.CsvColumnMapping.CANONICAL,
                org.carebridge.mappings.mosaic.plan.EndPolicy.DEFAULT, 50);
        MosaicMapper mapper = new MosaicMapper("route-test-access-reference-key".getBytes(StandardCharsets.UTF_8));
        camel = new DefaultCamelContext();
        camel.addRoutes(new MosaicInboxRoute(config, new MosaicExtractProcessor(config, mapper, sink), "none"));
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void appliesAFullExtractThenSkipsItWhenDroppedAgain() throws Exception {
        byte[] full = extract("full", "2026-11-23T06:00:00Z", "F1", 0, 20);
        drop("kent-full-1.xml", full);
        await(() -> Files.exists(inbox.resolve(".done/kent-full-1.xml")));
        assertEquals(20, sink.people.size());
        assertTrue(Files.readString(inbox.resolve(".done/kent-full-1.xml.report.json")).contains("\"applied\""));

        int calls = sink.applyCalls;
        drop("kent-full-1-again.xml", full);
        await(() -> Files.exists(inbox.resolve("error/kent-full-1-again.xml")));
        assertEquals(calls, sink.applyCalls, "the same extract again changes nothing");
        assertEquals(ExtractReport.Outcome.SKIPPED_DUPLICATE, last().outcome());
    }

    @Test
    void anOlderExtractAfterANewerOneIsSkipped() throws Exception {
        drop("a.xml", extract("delta", "2026-11-23T12:00:00Z", "D2", 0, 3));
        await(() -> Files.exists(inbox.resolve(".done/a.xml")));
        drop("b.xml", extract("delta", "2026-11-23T06:00:00Z", "D1", 0, 3));
        await(() -> Files.exists(inbox.resolve("error/b.xml")));
        assertEquals(ExtractReport.Outcome.SKIPPED_OLDER, last().outcome());
        assertEquals(3, sink.applyCalls);
    }

    @Test
    void aFullExtractEndsMissingOrdersButHoldsWhenTooManyWouldEnd() throws Exception {
        drop("1.xml", extract("full", "2026-11-20T06:00:00Z", "F1", 0, 30));
        await(() -> Files.exists(inbox.resolve(".done/1.xml")));
        long open = sink.openCount();

        // Two people fewer: their open orders end (well under 10 %).
        drop("2.xml", extract("full", "2026-11-21T06:00:00Z", "F2", 0, 28));
        await(() -> Files.exists(inbox.resolve(".done/2.xml")));
        long ended = open - sink.openCount();
        assertTrue(ended > 0 && ended == last().ordersEnded(), "ended " + ended);

        // Half the people gone: held, nothing applied.
        int calls = sink.applyCalls;
        drop("3.xml", extract("full", "2026-11-22T06:00:00Z", "F3", 0, 14));
        await(() -> Files.exists(inbox.resolve("held/3.xml")));
        assertEquals(ExtractReport.Outcome.HELD, last().outcome());
        assertEquals(calls, sink.applyCalls);
        assertTrue(Files.exists(inbox.resolve("held/3.xml.report.json")));

        // Staff confirm by moving it into confirmed/: now it applies and ends the orders.
        Files.createDirectories(inbox.resolve("confirmed"));
        Files.move(inbox.resolve("held/3.xml"), inbox.resolve("confirmed/3.xml"));
        await(() -> Files.exists(inbox.resolve(".done/3.xml")));
        assertTrue(last().ordersEnded() > 0);
    }

    @Test
    void hostileAndBadFilesGoToErrorWithAReportAndGoodRecordsApply() throws Exception {
        drop("xxe.xml", ("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<extract xmlns=\"https://fhir.carebridge.org.uk/mosaic/extract/1\">&e;</extract>")
                .getBytes(StandardCharsets.UTF_8));
        await(() -> Files.exists(inbox.resolve("error/xxe.xml")));
        String report = Files.readString(inbox.resolve("error/xxe.xml.report.json"));
        assertTrue(report.contains("\"rejected\"") && report.contains("DOCTYPE"), report);

        PersonRecord bad = SyntheticMosaic.person(9, 1);
        bad.nhsNumber = "9434765918";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MosaicExtractWriter w = new MosaicExtractWriter(out,
                new ExtractHeader("kent", "delta", "2026-11-23T06:00:00Z", "D1"))) {
            w.write(SyntheticMosaic.person(9, 0));
            w.write(bad);
            w.write(SyntheticMosaic.person(9, 2));
        }
        sink.failFor = SyntheticMosaic.person(9, 2).personId;
        drop("mixed.xml", out.toByteArray());
        await(() -> Files.exists(inbox.resolve("error/mixed.xml")));
        ExtractReport r = last();
        assertEquals(ExtractReport.Outcome.APPLIED_WITH_REJECTIONS, r.outcome());
        assertEquals(1, r.recordsApplied());
        assertEquals(2, r.recordsRejected());
        assertEquals("nhsNumber", r.problems().get(0).field());
        assertEquals(2, r.problems().get(0).recordNumber());
        assertEquals(3, r.problems().get(1).recordNumber());
        assertTrue(r.problems().get(1).reason().startsWith("could not be applied"));
        assertTrue(sink.applied.isEmpty(), "not recorded as applied while the store refused a good record");

        // Sent again once the store takes it: applied again, not skipped as a duplicate.
        sink.failFor = null;
        drop("mixed-again.xml", out.toByteArray());
        await(() -> Files.exists(inbox.resolve("error/mixed-again.xml")));
        assertEquals(2, last().recordsApplied());
        assertEquals("D1", sink.applied.get("kent").extractId());
    }

    @Test
    void stopsWhenTheStoreIsDown() throws Exception {
        sink.failFor = "*";
        drop("down.xml", extract("delta", "2026-11-23T06:00:00Z", "D1", 0, 80));
        await(() -> Files.exists(inbox.resolve("error/down.xml")));
        ExtractReport r = last();
        assertEquals(ExtractReport.Outcome.INCOMPLETE, r.outcome());
        assertEquals(MosaicExtractProcessor.MAX_CONSECUTIVE_STORE_FAILURES, r.recordsRejected());
        assertTrue(sink.applied.isEmpty());
    }

    @Test
    void aFileForAnotherCouncilIsRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyntheticMosaic.writeXml(out, new ExtractHeader("hf", "delta", "2026-11-23T06:00:00Z", null), 2, 1);
        drop("hf.xml", out.toByteArray());
        await(() -> Files.exists(inbox.resolve("error/hf.xml")));
        assertEquals("header.council", last().fatal().field());
        assertEquals(0, sink.applyCalls);
    }

    private ExtractReport last() {
        synchronized (sink) {
            return sink.reports.get(sink.reports.size() - 1);
        }
    }

    private static byte[] extract(String type, String time, String id, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MosaicExtractWriter w = new MosaicExtractWriter(out, new ExtractHeader("kent", type, time, id))) {
            for (int i = from; i < to; i++) {
                w.write(SyntheticMosaic.person(5, i));
            }
        }
        return out.toByteArray();
    }

    /** Writes beside the inbox and moves in, so the poller never sees a half-written file. */
    private void drop(String name, byte[] content) throws IOException {
        Path tmp = inbox.getParent().resolve(name + ".tmp-" + System.nanoTime());
        try (OutputStream o = Files.newOutputStream(tmp)) {
            o.write(content);
        }
        Files.move(tmp, inbox.resolve(name));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for the route");
            }
            Thread.sleep(50);
        }
    }
}
