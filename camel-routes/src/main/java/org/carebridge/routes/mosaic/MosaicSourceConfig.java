package org.carebridge.routes.mosaic;

import org.carebridge.mappings.mosaic.plan.EndPolicy;
import org.carebridge.mappings.mosaic.read.CsvColumnMapping;
import org.carebridge.mappings.mosaic.read.ReaderLimits;

/**
 * How one council's Mosaic extracts are read and applied, as integration staff configure it. Where files come
 * from (an inbox channel, the HTTP upload) is not part of it: both reach the same processor.
 *
 * @param tenant    the council; a file whose header names another council is rejected
 * @param csv       the council's CSV column mapping
 * @param batchSize people handed to the sink at once (the gateway applies them in one transaction, falling back
 *                  to one transaction per person when that fails)
 */
public record MosaicSourceConfig(String tenant, ReaderLimits limits, CsvColumnMapping csv, EndPolicy endPolicy,
                                 int batchSize) {
    public MosaicSourceConfig {
        if (tenant == null || !tenant.matches("[a-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("tenant must be a lower-case id");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
    }

    public static MosaicSourceConfig defaults(String tenant) {
        return new MosaicSourceConfig(tenant, ReaderLimits.DEFAULT, CsvColumnMapping.CANONICAL, EndPolicy.DEFAULT,
                100);
    }
}
