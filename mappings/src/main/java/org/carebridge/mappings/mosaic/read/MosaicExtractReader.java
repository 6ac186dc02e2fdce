package org.carebridge.mappings.mosaic.read;

import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.carebridge.mappings.mosaic.model.ExtractHeader;

/**
 * Reads one extract file a person at a time, in bounded memory. The header is read (and validated) when the reader
 * is opened. Each {@link ExtractRecord} is either valid or carries its problems; a bad record never stops the
 * rest. {@link MosaicExtractException} (unchecked) is thrown when the file cannot be read any further; records
 * already returned remain good.
 */
public interface MosaicExtractReader extends Iterator<ExtractRecord>, AutoCloseable {
    ExtractHeader header();

    /** The records as a sequential stream; close the reader, not the stream. */
    default Stream<ExtractRecord> records() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }

    @Override
    void close();
}
