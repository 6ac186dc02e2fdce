package org.carebridge.routes.mosaic;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.carebridge.mappings.mosaic.plan.ExtractReport;
import org.carebridge.mappings.mosaic.read.RecordProblem;

/**
 * The HTTP upload path for integration staff (the gateway's authenticated endpoint calls this with the request
 * body): spools the body to a private temporary file within the size limit, then applies it exactly as the inbox
 * would — a full extract needs two passes over the file, which a request stream cannot give.
 */
public final class MosaicUpload {
    private final MosaicExtractProcessor processor;
    private final Path spoolDir;
    private final long maxBytes;

    public MosaicUpload(MosaicExtractProcessor processor, Path spoolDir, long maxBytes) {
        this.processor = processor;
        this.spoolDir = spoolDir;
        this.maxBytes = maxBytes;
    }

    /** @param fileName the uploaded file's name: its extension (.xml/.csv) picks the format */
    public ExtractReport upload(String fileName, InputStream body, boolean confirmed) throws IOException {
        String safeName = Path.of(fileName).getFileName().toString();
        Files.createDirectories(spoolDir);
        Path spooled = Files.createTempFile(spoolDir, "mosaic-upload-", ".part");
        try {
            if (!copyWithin(body, spooled)) {
                return new ExtractReport.Builder(safeName)
                        .fatal(new RecordProblem(0, 0, null, "file", "file is larger than " + maxBytes + " bytes"))
                        .outcome(ExtractReport.Outcome.REJECTED, "upload refused").build();
            }
            return processor.process(safeName, () -> Files.newInputStream(spooled), confirmed);
        } finally {
            Files.deleteIfExists(spooled);
        }
    }

    private boolean copyWithin(InputStream body, Path target) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = body.read(buffer)) >= 0) {
                total += n;
                if (total > maxBytes) {
                    return false;
                }
                out.write(buffer, 0, n);
            }
        }
        return true;
    }
}
