package org.carebridge.mappings.mosaic.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Opens an extract in either format. */
public final class MosaicExtracts {
    private MosaicExtracts() {}

    public enum Format { XML, CSV }

    public static MosaicExtractReader open(InputStream in, Format format, ReaderLimits limits,
                                           CsvColumnMapping mapping) {
        return switch (format) {
            case XML -> XmlExtractReader.open(in, limits);
            case CSV -> CsvExtractReader.open(in, limits, mapping == null ? CsvColumnMapping.CANONICAL : mapping);
        };
    }

    /** The format from a file name: .xml or .csv (case-insensitive); null if neither. */
    public static Format formatOf(String fileName) {
        String n = fileName.toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".xml")) {
            return Format.XML;
        }
        if (n.endsWith(".csv")) {
            return Format.CSV;
        }
        return null;
    }

    /** The format from the first non-blank byte: '<' is XML, anything else CSV. */
    public static Format sniff(BufferedInputStream in) throws IOException {
        in.mark(64);
        try {
            int c;
            do {
                c = in.read();
            } while (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xEF || c == 0xBB || c == 0xBF);
            return c == '<' ? Format.XML : Format.CSV;
        } finally {
            in.reset();
        }
    }
}
