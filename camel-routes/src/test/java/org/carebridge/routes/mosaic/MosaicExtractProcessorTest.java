package org.carebridge.routes.mosaic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.carebridge.mappings.mosaic.MosaicExtractWriter;
import org.carebridge.mappings.mosaic.MosaicMapper;
import org.carebridge.mappings.mosaic.SyntheticMosaic;
import org.carebridge.mappings.mosaic.model.ExtractHeader;
import org.carebridge.mappings.mosaic.model.PersonRecord;
import org.carebridge.mappings.mosaic.plan.EndPlan;
import org.carebridge.mappings.mosaic.plan.ExtractContents;
import org.carebridge.mappings.mosaic.plan.ExtractPlanner;
import org.carebridge.mappings.mosaic.plan.ExtractReport;
import org.carebridge.mappings.mosaic.read.XmlExtractReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The extract semantics over an in-memory sink: duplicates, ordering, ends and holds, bad records, a store that is
 * down. The gateway's end-to-end tests (gateway/.../mosaic) run the same through the inbox channel and the upload.
 */
class MosaicExtractProcessorTest {
    private InMemoryMosaicSink sink;
    private MosaicExtractProcessor processor;

    @BeforeEach
    void start() {
        sink = new InMemoryMosaicSink();
        // A small batch, so files span several batches.
        MosaicSourceConfig config = new MosaicSourceConfig("kent",
                org.carebridge.mappings.mosaic.read.ReaderLimits.DEFAULT,
                org.carebridge.mappings.mosaic.read.CsvColumnMapping.CANONICAL,
                org.carebridge.mappings.mosaic.plan.EndPolicy.DEFAULT, 7);
        MosaicMapper mapper = new MosaicMapper("route-test-access-reference-key".getBytes(StandardCharsets.UTF_8));
        processor = new MosaicExtractProcessor(config, mapper, sink);
    }

    @Test
    void appliesAFullExtractThenSkipsItWhenDroppedAgain() throws IOException {
        byte[] full = extract("full", "2026-11-23T06:00:00Z", "F1", 0, 20);
        drop("kent-full-1.xml", full);
        assertEquals(20, sink.people.size());
        assertEquals(ExtractReport.Outcome.APPLIED, last().outcome());

        int calls = sink.applyCalls;
        drop("kent-full-1-again.xml", full);
        assertEquals(calls, sink.applyCalls, "the same extract again changes nothing");
        assertEquals(ExtractReport.Outcome.SKIPPED_DUPLICATE, last().outcome());
    }

    @Test
    void anOlderExtractAfterANewerOneIsSkipped() throws IOException {
        drop("a.xml", extract("delta", "2026-11-23T12:00:00Z", "D2", 0, 3));
        drop("b.xml", extract("delta", "2026-11-23T06:00:00Z", "D1", 0, 3));
        assertEquals(ExtractReport.Outcome.SKIPPED_OLDER, last().outcome());
        assertEquals(3, sink.applyCalls);
    }

    @Test
    void aFullExtractEndsMissingOrdersButHoldsWhenTooManyWouldEnd() throws IOException {
        drop("1.xml", extract("full", "2026-11-20T06:00:00Z", "F1", 0, 30));
        long open = sink.openCount();

        // Two people fewer: their open orders end (well under 10 %).
        drop("2.xml", extract("full", "2026-11-21T06:00:00Z", "F2", 0, 28));
        long ended = open - sink.openCount();
        assertTrue(ended > 0 && ended == last().ordersEnded(), "ended " + ended);

        // Half the people gone: held, nothing applied.
        int calls = sink.applyCalls;
        drop("3.xml", extract("full", "2026-11-22T06:00:00Z", "F3", 0, 14));
        assertEquals(ExtractReport.Outcome.HELD, last().outcome());
        assertEquals(calls, sink.applyCalls);

        assertEquals(1, sink.held.size());
        // Staff confirm: now it applies and ends the orders.
        byte[] held = sink.heldFiles.get(last().heldId());
        processor.process("3.xml", () -> new ByteArrayInputStream(held), true);
        assertTrue(last().ordersEnded() > 0);
    }

    @Test
    void aFullExtractThatCannotBeHeldPlansItsEndsAsAFirstPassWould() throws IOException {
        drop("1.xml", extract("full", "2026-11-20T06:00:00Z", "F1", 0, 30));
        // Person 28's record is rejected (its orders stay), person 29 is gone (its orders end): well under 10 %,
        // so no first pass; the plan made from the apply pass must be the one a first pass gives.
        PersonRecord bad = SyntheticMosaic.person(5, 28);
        bad.nhsNumber = "9434765918";
        bad.orders.clear();
        ExtractHeader h2 = new ExtractHeader("kent", "full", "2026-11-21T06:00:00Z", "F2");
        byte[] f2 = write(h2, 0, 28, bad);
        EndPlan expected = firstPass(h2, f2);
        assertEquals(EndPlan.Decision.APPLY, expected.decision());
        assertTrue(!expected.ordersToEnd().isEmpty(), "person 29's orders end");
        drop("2.xml", f2);
        assertEquals(expected.ordersToEnd().size(), last().ordersEnded());
        assertEquals(expected.reason(), last().reason());
        assertEquals(ExtractReport.Outcome.APPLIED_WITH_REJECTIONS, last().outcome());

        // A rejected record without a readable person id: nothing ends, for the same reason as before.
        PersonRecord noId = SyntheticMosaic.person(5, 27);
        noId.personId = " ";
        ExtractHeader h3 = new ExtractHeader("kent", "full", "2026-11-22T06:00:00Z", "F3");
        byte[] f3 = write(h3, 0, 26, noId);
        EndPlan expected3 = firstPass(h3, f3);
        assertEquals(EndPlan.Decision.NO_ENDS, expected3.decision());
        long open = sink.openCount();
        drop("3.xml", f3);
        assertEquals(0, last().ordersEnded());
        assertEquals(open, sink.openCount());
        assertEquals(expected3.reason(), last().reason());
    }

    private EndPlan firstPass(ExtractHeader h, byte[] file) {
        ExtractContents contents = new ExtractContents();
        try (XmlExtractReader r = XmlExtractReader.open(new ByteArrayInputStream(file),
                org.carebridge.mappings.mosaic.read.ReaderLimits.DEFAULT)) {
            r.forEachRemaining(contents::add);
        }
        return ExtractPlanner.planEnds(h, contents, sink.openOrders("kent"),
                org.carebridge.mappings.mosaic.plan.EndPolicy.DEFAULT, false);
    }

    private static byte[] write(ExtractHeader h, int from, int to, PersonRecord last) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MosaicExtractWriter w = new MosaicExtractWriter(out, h)) {
            for (int i = from; i < to; i++) {
                w.write(SyntheticMosaic.person(5, i));
            }
            w.write(last);
        }
        return out.toByteArray();
    }

    @Test
    void hostileAndBadFilesGoToErrorWithAReportAndGoodRecordsApply() throws IOException {
        drop("xxe.xml", ("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<extract xmlns=\"https://fhir.carebridge.org.uk/mosaic/extract/1\">&e;</extract>")
                .getBytes(StandardCharsets.UTF_8));
        String report = last().toJson();
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
        assertEquals(2, last().recordsApplied());
        assertEquals("D1", sink.applied.get("kent").extractId());
    }

    @Test
    void groupsReachTheStoreOneAtATimeInFileOrder() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        java.util.List<String> valid = new java.util.ArrayList<>();
        try (MosaicExtractWriter w = new MosaicExtractWriter(out, new ExtractHeader("kent", "delta",
                "2026-11-23T06:00:00Z", "ORDER"))) {
            for (int i = 0; i < 40; i++) {
                PersonRecord p = SyntheticMosaic.person(5, i);
                if (i == 17) p.birthDate = "not a date";
                else valid.add(p.personId);
                w.write(p);
            }
        }
        drop("order.xml", out.toByteArray());
        ExtractReport r = last();
        assertEquals(40, r.recordsRead());
        assertEquals(39, r.recordsApplied());
        assertEquals(18, r.problems().get(0).recordNumber(), "the bad record is reported where it was");
        assertEquals(valid, sink.applyOrder, "every good person, in file order");
        assertEquals(1, sink.mostGroupsAtOnce, "one group at a time in the store");
    }

    @Test
    void stopsWhenTheStoreIsDown() throws IOException {
        sink.failFor = "*";
        drop("down.xml", extract("delta", "2026-11-23T06:00:00Z", "D1", 0, 80));
        ExtractReport r = last();
        assertEquals(ExtractReport.Outcome.INCOMPLETE, r.outcome());
        // It stops with the batch (7 people here) in which the 50th failure in a row happened.
        int max = MosaicExtractProcessor.MAX_CONSECUTIVE_STORE_FAILURES;
        assertTrue(r.recordsRejected() >= max && r.recordsRejected() < max + 7, "rejected " + r.recordsRejected());
        assertTrue(r.recordsRead() < 80, "the rest of the file is not read");
        assertTrue(sink.applied.isEmpty());
    }

    @Test
    void aFileForAnotherCouncilIsRefused() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyntheticMosaic.writeXml(out, new ExtractHeader("hf", "delta", "2026-11-23T06:00:00Z", null), 2, 1);
        drop("hf.xml", out.toByteArray());
        assertEquals("header.council", last().fatal().field());
        assertEquals(0, sink.applyCalls);
    }

    private ExtractReport last() {
        return sink.reports.get(sink.reports.size() - 1);
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

    private ExtractReport drop(String name, byte[] content) throws IOException {
        return processor.process(name, () -> new ByteArrayInputStream(content), false);
    }
}
