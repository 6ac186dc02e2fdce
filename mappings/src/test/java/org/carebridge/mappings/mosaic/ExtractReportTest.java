package org.carebridge.mappings.mosaic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.carebridge.mappings.mosaic.plan.ExtractReport;
import org.carebridge.mappings.mosaic.read.ExtractRecord;
import org.carebridge.mappings.mosaic.read.MosaicExtractReader;
import org.carebridge.mappings.mosaic.read.MosaicExtracts;
import org.carebridge.mappings.mosaic.read.ReaderLimits;
import org.junit.jupiter.api.Test;

class ExtractReportTest {
    @Test
    void reportNamesEveryRejectedRecordAndSerialisesToJson() {
        ExtractReport.Builder report = new ExtractReport.Builder("bad-records.xml");
        try (MosaicExtractReader r = MosaicExtracts.open(Samples.open("bad-records.xml"), MosaicExtracts.Format.XML,
                ReaderLimits.DEFAULT, null)) {
            report.header(r.header());
            r.forEachRemaining(rec -> report.record(rec, rec.isValid()));
        }
        ExtractReport built = report.build();
        assertEquals(ExtractReport.Outcome.APPLIED_WITH_REJECTIONS, built.outcome());
        assertEquals(5, built.recordsRead());
        assertEquals(2, built.recordsApplied());
        assertEquals(3, built.recordsRejected());
        String json = built.toJson();
        assertEquals(Samples.golden("bad-records-report.json", json), json);
        assertFalse(json.contains("9434765918"), "no NHS number in the report");
        assertFalse(json.contains("Bad"), "no name in the report");
    }

    @Test
    void keepsABoundedNumberOfProblems() {
        ExtractReport.Builder b = new ExtractReport.Builder("x.xml", 2);
        List<ExtractRecord> bad = Samples.readAll("bad-records.xml", null);
        bad.forEach(r -> b.record(r, r.isValid()));
        ExtractReport r = b.build();
        assertEquals(2, r.problems().size());
        assertEquals(r.problems().size() + r.problemsOmitted(),
                bad.stream().mapToInt(x -> x.problems().size()).sum());
    }
}
