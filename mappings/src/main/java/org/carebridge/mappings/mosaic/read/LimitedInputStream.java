package org.carebridge.mappings.mosaic.read;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts bytes and stops reading past the file limit, or past the record limit while a record is open. */
final class LimitedInputStream extends FilterInputStream {
    /** Thrown inside the parser; the readers turn it into a {@link MosaicExtractException}. */
    static final class LimitExceeded extends IOException {
        final boolean record;

        LimitExceeded(boolean record, String message) {
            super(message);
            this.record = record;
        }
    }

    private final long maxFile;
    private final long maxRecord;
    private long count;
    private long recordStart = -1;

    LimitedInputStream(InputStream in, ReaderLimits limits) {
        super(in);
        this.maxFile = limits.maxFileBytes();
        this.maxRecord = limits.maxRecordBytes();
    }

    long count() {
        return count;
    }

    void startRecord() {
        recordStart = count;
    }

    void endRecord() {
        recordStart = -1;
    }

    @Override
    public int read() throws IOException {
        check(1);
        int b = super.read();
        if (b >= 0) {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        check(len);
        // Never read beyond the file limit + 1, so the crossing is seen exactly.
        long room = maxFile + 1 - count;
        int n = super.read(b, off, (int) Math.min(len, Math.max(1, room)));
        if (n > 0) {
            count += n;
        }
        return n;
    }

    private void check(int wanted) throws IOException {
        if (count > maxFile) {
            throw new LimitExceeded(false, "file is larger than " + maxFile + " bytes");
        }
        if (recordStart >= 0 && count - recordStart > maxRecord) {
            throw new LimitExceeded(true, "record is larger than " + maxRecord + " bytes");
        }
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip not supported");
    }
}
