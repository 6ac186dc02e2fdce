package org.carebridge.gateway.mosaic;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code carebridge.mosaic.*}: how the gateway reads and applies Mosaic extracts (docs/mosaic-extract.md).
 *
 * @param accessReferenceKey the secret behind access arrangement references (at least 16 characters); empty: one is
 *                           generated on first start and kept in {@code data-dir/access-reference.key}
 * @param dataDir            held extracts ({@code held/}), upload spool ({@code spool/}), the generated key
 * @param maxFileBytes       largest extract accepted (inbox file or upload)
 * @param maxRecordBytes     largest person record
 * @param maxEndShare        share of a council's open orders a full extract may end without confirmation
 * @param batchSize          people applied in one transaction (one person's failure retries the others alone)
 * @param csvMappingDir      per-council CSV column mappings, {@code <tenant>.yaml}; missing = canonical columns
 */
@ConfigurationProperties("carebridge.mosaic")
public record MosaicSettings(@Bindable(defaultValue = "") String accessReferenceKey,
                             @Bindable(defaultValue = "data/mosaic") String dataDir,
                             @Bindable(defaultValue = "2147483648") long maxFileBytes,
                             @Bindable(defaultValue = "1048576") int maxRecordBytes,
                             @Bindable(defaultValue = "0.10") double maxEndShare,
                             @Bindable(defaultValue = "200") int batchSize,
                             @Bindable(defaultValue = "config/mosaic") String csvMappingDir) {
}
