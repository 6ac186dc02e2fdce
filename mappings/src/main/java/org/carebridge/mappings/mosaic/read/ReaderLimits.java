package org.carebridge.mappings.mosaic.read;

/**
 * Size limits for one extract file. A file over {@code maxFileBytes} is refused where the limit is crossed; a
 * record over {@code maxRecordBytes} is rejected (XML: the rest of the file cannot be read past it, so it is
 * fatal; CSV: the reader skips to the next person). The XML check is approximate by the parser's read-ahead
 * buffer (a few KB).
 */
public record ReaderLimits(long maxFileBytes, int maxRecordBytes) {
    /** 2 GB per file (a 100,000-person extract is ~250 MB), 1 MB per person. */
    public static final ReaderLimits DEFAULT = new ReaderLimits(2L * 1024 * 1024 * 1024, 1024 * 1024);

    public ReaderLimits {
        if (maxFileBytes <= 0 || maxRecordBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
