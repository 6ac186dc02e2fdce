package org.carebridge.mappings.mosaic.plan;

import java.time.OffsetDateTime;

/** The last extract the gateway applied for a tenant. */
public record AppliedExtract(String extractId, OffsetDateTime extractTime, String fileDigest) {}
