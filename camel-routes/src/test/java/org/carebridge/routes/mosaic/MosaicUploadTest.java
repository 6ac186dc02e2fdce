package org.carebridge.routes.mosaic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.carebridge.mappings.mosaic.MosaicMapper;
import org.carebridge.mappings.mosaic.SyntheticMosaic;
import org.carebridge.mappings.mosaic.model.ExtractHeader;
import org.carebridge.mappings.mosaic.plan.ExtractReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MosaicUploadTest {
    @TempDir
    Path dir;

    @Test
    void appliesAnUploadAndLeavesNoSpooledFile() throws Exception {
        InMemoryMosaicSink sink = new InMemoryMosaicSink();
        MosaicUpload upload = upload(sink, 10_000_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyntheticMosaic.writeXml(out, new ExtractHeader("kent", "full", "2026-11-23T06:00:00Z", "U1"), 5, 2);

        ExtractReport r = upload.upload("../../etc/kent.xml", new ByteArrayInputStream(out.toByteArray()), false);
        assertEquals(ExtractReport.Outcome.APPLIED, r.outcome());
        assertEquals("kent.xml", r.file());
        assertEquals(5, sink.people.size());
        try (var files = Files.list(dir.resolve("spool"))) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void refusesAnUploadOverTheLimit() throws Exception {
        InMemoryMosaicSink sink = new InMemoryMosaicSink();
        ExtractReport r = upload(sink, 100).upload("kent.xml", new ByteArrayInputStream(new byte[1000]), false);
        assertEquals(ExtractReport.Outcome.REJECTED, r.outcome());
        assertTrue(r.fatal().reason().contains("larger than 100 bytes"));
        assertEquals(0, sink.applyCalls);
    }

    private MosaicUpload upload(InMemoryMosaicSink sink, long max) {
        MosaicSourceConfig config = MosaicSourceConfig.defaults("kent");
        return new MosaicUpload(new MosaicExtractProcessor(config,
                new MosaicMapper("upload-test-access-reference-key".getBytes(StandardCharsets.UTF_8)), sink),
                dir.resolve("spool"), max);
    }
}
