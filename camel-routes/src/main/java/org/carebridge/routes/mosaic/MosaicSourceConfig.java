package org.carebridge.routes.mosaic;

import java.nio.file.Path;
import org.carebridge.mappings.mosaic.plan.EndPolicy;
import org.carebridge.mappings.mosaic.read.CsvColumnMapping;
import org.carebridge.mappings.mosaic.read.ReaderLimits;

/**
 * One council's Mosaic feed, as integration staff configure it.
 *
 * @param tenant  the council; a file whose header names another council is rejected
 * @param inbox   the directory polled; {@code inbox/confirmed} takes held extracts that staff confirmed
 * @param csv     the council's CSV column mapping
 * @param pollMs  delay between polls
 */
public record MosaicSourceConfig(String tenant, Path inbox, ReaderLimits limits, CsvColumnMapping csv,
                                 EndPolicy endPolicy, long pollMs) {
    public MosaicSourceConfig {
        if (tenant == null || !tenant.matches("[a-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("tenant must be a lower-case id");
        }
    }

    public static MosaicSourceConfig defaults(String tenant, Path inbox) {
        return new MosaicSourceConfig(tenant, inbox, ReaderLimits.DEFAULT, CsvColumnMapping.CANONICAL,
                EndPolicy.DEFAULT, 5000);
    }
}
