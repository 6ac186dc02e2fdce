package org.carebridge.mappings.mosaic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.carebridge.mappings.mosaic.model.ExtractHeader;
import org.carebridge.mappings.mosaic.model.MosaicXml;
import org.carebridge.mappings.mosaic.model.PersonRecord;
import org.carebridge.mappings.mosaic.read.ExtractRecord;
import org.carebridge.mappings.mosaic.read.MosaicExtractException;
import org.carebridge.mappings.mosaic.read.ReaderLimits;
import org.carebridge.mappings.mosaic.read.RecordProblem;
import org.carebridge.mappings.mosaic.read.XmlExtractReader;
import org.junit.jupiter.api.Test;

class XmlExtractReaderTest {

    @Test
    void readsHeaderThenOnePersonAtATime() {
        try (XmlExtractReader r = XmlExtractReader.open(Samples.open("kent-full.xml"), ReaderLimits.DEFAULT)) {
            ExtractHeader h = r.header();
            assertEquals("kent", h.council);
            assertEquals("full", h.extractType);
            assertEquals("2026-11-23T06:00:00Z", h.extractTime);
            assertEquals("KENT-FULL-20261123", h.extractId);
            List<ExtractRecord> records = new ArrayList<>();
            r.forEachRemaining(records::add);
            assertEquals(List.of("P1001", "P1002", "P1003"), records.stream().map(ExtractRecord::personId).toList());
            assertEquals(List.of(1, 2, 3), records.stream().map(ExtractRecord::recordNumber).toList());
            records.forEach(rec -> assertTrue(rec.isValid(), () -> rec.problems().toString()));
            PersonRecord p2 = records.get(1).person();
            assertEquals(2, p2.orders.size());
            assertEquals(List.of("family", "health"), p2.objections.stream().map(o -> o.scope).toList());
            assertEquals(2, p2.orders.get(0).calls.size());
            assertEquals("C3578", p2.access.entryCode);
        }
    }

    @Test
    void sampleExtractsAreValidAgainstTheSchema() throws Exception {
        SchemaFactory f = SchemaFactory.newDefaultInstance();
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        var schema = f.newSchema(getClass().getResource(MosaicXml.XSD));
        var validator = schema.newValidator();
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        validator.validate(new StreamSource(Samples.open("kent-full.xml")));
        // What the writer produces is schema-valid too.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyntheticMosaic.writeXml(out, new ExtractHeader("kent", "full", "2026-11-23T06:00:00Z", "GEN-1"), 50, 7);
        validator.validate(new StreamSource(new ByteArrayInputStream(out.toByteArray())));
    }

    @Test
    void refusesExternalEntities() {
        MosaicExtractException e = assertThrows(MosaicExtractException.class,
                () -> XmlExtractReader.open(Samples.open("xxe.xml"), ReaderLimits.DEFAULT));
        assertEquals(0, e.problem().recordNumber());
        assertTrue(e.getMessage().contains("DOCTYPE declarations are not accepted"), e.getMessage());
        assertFalse(e.getMessage().contains("root:"), "no file content in the message");
    }

    @Test
    void refusesEntityExpansion() {
        MosaicExtractException e = assertThrows(MosaicExtractException.class,
                () -> XmlExtractReader.open(Samples.open("billion-laughs.xml"), ReaderLimits.DEFAULT));
        assertTrue(e.getMessage().contains("DOCTYPE declarations are not accepted"), e.getMessage());
    }

    @Test
    void badRecordsAreRejectedWithNumberIdFieldAndReasonAndTheRestIsRead() {
        List<ExtractRecord> records = Samples.readAll("bad-records.xml", null);
        assertEquals(5, records.size());
        assertTrue(records.get(0).isValid());
        assertTrue(records.get(4).isValid());
        assertEquals("P2004", records.get(4).personId());

        ExtractRecord bad = records.get(1);
        assertFalse(bad.isValid());
        assertEquals(2, bad.recordNumber());
        assertEquals("P2002", bad.personId());
        assertEquals(List.of("nhsNumber", "birthDate", "order[1].kind", "order[1].provider", "order[1].end",
                "order[1].status"), bad.problems().stream().map(RecordProblem::field).toList());
        assertTrue(bad.problems().stream().allMatch(p -> p.recordNumber() == 2 && "P2002".equals(p.personId())));
        assertTrue(bad.line() > 10);
        // Reasons never carry the value.
        assertTrue(bad.problems().stream().noneMatch(p -> p.reason().contains("9434765918")));

        ExtractRecord misspelt = records.get(2);
        assertEquals("P2003", misspelt.personId());
        assertTrue(misspelt.problems().stream().anyMatch(p -> p.reason().contains("birthdate")),
                misspelt.problems().toString());
        assertTrue(misspelt.problems().stream().anyMatch(p -> p.field().equals("birthDate")
                && p.reason().equals("required")));

        ExtractRecord unknown = records.get(3);
        assertNull(unknown.person());
        assertEquals("unexpected element <somethingElse>", unknown.problems().get(0).reason());
    }

    @Test
    void aTruncatedFileGivesItsGoodRecordsThenAFatalError() {
        List<ExtractRecord> good = new ArrayList<>();
        MosaicExtractException e;
        try (XmlExtractReader r = XmlExtractReader.open(Samples.open("truncated.xml"), ReaderLimits.DEFAULT)) {
            e = assertThrows(MosaicExtractException.class, () -> r.forEachRemaining(good::add));
        }
        assertEquals(List.of("P3001"), good.stream().map(ExtractRecord::personId).toList());
        assertEquals(2, e.problem().recordNumber());
        assertTrue(e.getMessage().startsWith("record 2"), e.getMessage());
        assertFalse(e.getMessage().contains("Cut off"));
    }

    @Test
    void enforcesTheFileSizeLimit() {
        byte[] file = generated(200);
        MosaicExtractException e = assertThrows(MosaicExtractException.class, () -> {
            try (XmlExtractReader r = XmlExtractReader.open(new ByteArrayInputStream(file),
                    new ReaderLimits(file.length / 2, 1024 * 1024))) {
                r.forEachRemaining(x -> { });
            }
        });
        assertTrue(e.getMessage().contains("file is larger than"), e.getMessage());
        assertTrue(e.problem().recordNumber() > 50, "good records before the limit were read");
    }

    @Test
    void enforcesTheRecordSizeLimit() {
        PersonRecord huge = SyntheticMosaic.person(1, 1);
        huge.communicationNeeds = "x".repeat(200_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MosaicExtractWriter w = new MosaicExtractWriter(out,
                new ExtractHeader("kent", "delta", "2026-11-23T06:00:00Z", null))) {
            w.write(SyntheticMosaic.person(1, 0));
            w.write(huge);
        }
        List<ExtractRecord> good = new ArrayList<>();
        MosaicExtractException e = assertThrows(MosaicExtractException.class, () -> {
            try (XmlExtractReader r = XmlExtractReader.open(new ByteArrayInputStream(out.toByteArray()),
                    new ReaderLimits(100_000_000, 50_000))) {
                r.forEachRemaining(good::add);
            }
        });
        assertEquals(1, good.size());
        assertEquals(2, e.problem().recordNumber());
        assertEquals("record", e.problem().field());
        assertTrue(e.getMessage().contains("record is larger than 50000 bytes"), e.getMessage());
    }

    @Test
    void refusesAWrongRootOrHeader() {
        String wrongRoot = "<?xml version='1.0'?><people xmlns='" + MosaicXml.NS + "'/>";
        assertTrue(assertThrows(MosaicExtractException.class, () -> XmlExtractReader.open(
                new ByteArrayInputStream(wrongRoot.getBytes(StandardCharsets.UTF_8)), ReaderLimits.DEFAULT))
                .getMessage().contains("root element"));
        String badHeader = "<extract xmlns='" + MosaicXml.NS + "'><header><council>kent</council>"
                + "<extractType>weekly</extractType><extractTime>2026-11-23T06:00:00Z</extractTime></header></extract>";
        MosaicExtractException e = assertThrows(MosaicExtractException.class, () -> XmlExtractReader.open(
                new ByteArrayInputStream(badHeader.getBytes(StandardCharsets.UTF_8)), ReaderLimits.DEFAULT));
        assertEquals("header.extractType", e.problem().field());
    }

    @Test
    void writerAndReaderRoundTrip() {
        byte[] file = generated(25);
        try (XmlExtractReader r = XmlExtractReader.open(new ByteArrayInputStream(file), ReaderLimits.DEFAULT)) {
            int i = 0;
            while (r.hasNext()) {
                ExtractRecord rec = r.next();
                assertTrue(rec.isValid(), () -> rec.problems().toString());
                assertEquals(SyntheticMosaic.person(3, i).personId, rec.personId());
                i++;
            }
            assertEquals(25, i);
        }
    }

    static byte[] generated(int people) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyntheticMosaic.writeXml(out, new ExtractHeader("kent", "full", "2026-11-23T06:00:00Z", "GEN"), people, 3);
        return out.toByteArray();
    }
}
