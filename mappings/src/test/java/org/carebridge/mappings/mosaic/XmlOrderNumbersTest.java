package org.carebridge.mappings.mosaic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.carebridge.mappings.mosaic.model.ExtractHeader;
import org.carebridge.mappings.mosaic.plan.EndPolicy;
import org.carebridge.mappings.mosaic.plan.ExtractContents;
import org.carebridge.mappings.mosaic.plan.ExtractPlanner;
import org.carebridge.mappings.mosaic.read.MosaicExtractException;
import org.carebridge.mappings.mosaic.read.ReaderLimits;
import org.carebridge.mappings.mosaic.read.XmlExtractReader;
import org.junit.jupiter.api.Test;

/**
 * The StAX-only scan that lets a full extract skip its first pass must never name an order the real read does not
 * (otherwise an extract that should be held could be applied): over sample and generated files it names exactly the
 * same orders, and anything unusual makes it name less, or give up.
 */
class XmlOrderNumbersTest {

    @Test
    void namesWhatTheFullReadNamesOverSampleAndGeneratedFiles() {
        assertSame(readAllBytes("kent-full.xml"));
        assertSame(readAllBytes("bad-records.xml"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyntheticMosaic.writeXml(out, new ExtractHeader("kent", "full", "2026-11-23T06:00:00Z", "GEN"), 2_000, 7);
        assertSame(out.toByteArray());
    }

    @Test
    void anythingUnusualNamesLessNeverMore() {
        String person = "<person><personId>P1</personId>%s</person>";
        String file = "<extract xmlns=\"" + org.carebridge.mappings.mosaic.model.MosaicXml.NS + "\"><header>"
                + "<council>kent</council><extractType>full</extractType><extractTime>2026-11-23T06:00:00Z</extractTime>"
                + "</header>" + person.formatted("<order><orderNumber> O1 </orderNumber></order>"
                + "<order><orderNumber>O2</orderNumber><orderNumber>O3</orderNumber></order>"
                + "<order><orderNumber>O<!-- c -->4</orderNumber></order>"
                + "<order><orderNumber>O5<x/></orderNumber></order>"
                + "<order><orderNumber><![CDATA[O6]]></orderNumber></order>"
                + "<order><orderNumber xmlns=\"urn:other\">O7</orderNumber></order>"
                + "<plan><order><orderNumber>O8</orderNumber></order></plan>"
                + "<order><orderNumber>   </orderNumber></order>")
                + "<other><order><orderNumber>O9</orderNumber></order></other>"
                + "</extract>";
        Set<String> named = XmlExtractReader.orderNumbers(bytes(file), ReaderLimits.DEFAULT);
        assertEquals(Set.of("O1", "O6"), named);
        ExtractContents full = contents(file.getBytes(StandardCharsets.UTF_8));
        named.forEach(n -> assertTrue(full.namesOrder(n), n));
    }

    @Test
    void givesUpOnFilesTheReaderRefuses() {
        assertNull(XmlExtractReader.orderNumbers(Samples.open("xxe.xml"), ReaderLimits.DEFAULT));
        assertNull(XmlExtractReader.orderNumbers(Samples.open("billion-laughs.xml"), ReaderLimits.DEFAULT));
        assertNull(XmlExtractReader.orderNumbers(Samples.open("truncated.xml"), ReaderLimits.DEFAULT));
        assertNull(XmlExtractReader.orderNumbers(bytes("<other/>"), ReaderLimits.DEFAULT));
        assertNull(XmlExtractReader.orderNumbers(Samples.open("kent-full.xml"), new ReaderLimits(1_000, 1 << 20)));
    }

    @Test
    void mayHoldIsFalseOnlyWhenThePlanCannotHold() {
        Map<String, String> open = Map.of("O1", "P1", "O2", "P1", "O3", "P2", "O4", "P3", "O5", "P3", "O6", "P4",
                "O7", "P4", "O8", "P5", "O9", "P5", "O10", "P6");
        EndPolicy tenPercent = EndPolicy.DEFAULT;
        assertEquals(false, ExtractPlanner.mayHold(Map.of(), null, tenPercent, false));
        assertEquals(false, ExtractPlanner.mayHold(open, null, tenPercent, true));
        assertEquals(true, ExtractPlanner.mayHold(open, null, tenPercent, false));
        Set<String> nine = new TreeSet<>(open.keySet());
        nine.remove("O10");
        assertEquals(false, ExtractPlanner.mayHold(open, nine, tenPercent, false)); // 1 of 10: 10 %, not more
        nine.remove("O9");
        assertEquals(true, ExtractPlanner.mayHold(open, nine, tenPercent, false));
        assertEquals(false, ExtractPlanner.mayHold(open, Set.of(), new EndPolicy(1.0), false));
    }

    private static void assertSame(byte[] file) {
        Set<String> named = XmlExtractReader.orderNumbers(new ByteArrayInputStream(file), ReaderLimits.DEFAULT);
        ExtractContents full = contents(file);
        assertEquals(full.orderCount(), named.size());
        named.forEach(n -> assertTrue(full.namesOrder(n), n));
    }

    private static ExtractContents contents(byte[] file) {
        ExtractContents c = new ExtractContents();
        try (XmlExtractReader r = XmlExtractReader.open(new ByteArrayInputStream(file), ReaderLimits.DEFAULT)) {
            r.forEachRemaining(c::add);
        } catch (MosaicExtractException e) {
            c.incomplete(e.getMessage());
        }
        return c;
    }

    private static byte[] readAllBytes(String sample) {
        try (var in = Samples.open(sample)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ByteArrayInputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
