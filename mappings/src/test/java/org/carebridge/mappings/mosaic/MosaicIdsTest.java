package org.carebridge.mappings.mosaic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MosaicIdsTest {
    @Test
    void resourceIdsAreNameBasedUuidsOfTenantTypeAndKeys() {
        String expected = UUID.nameUUIDFromBytes("carebridge/mosaic/kent/Patient/P1001".getBytes(StandardCharsets.UTF_8))
                .toString();
        assertEquals(expected, MosaicIds.resourceId("kent", "Patient", "P1001"));
        assertNotEquals(MosaicIds.resourceId("kent", "Patient", "P1001"), MosaicIds.resourceId("hf", "Patient", "P1001"));
        assertNotEquals(MosaicIds.resourceId("kent", "Patient", "P1001"),
                MosaicIds.resourceId("kent", "CarePlan", "P1001"));
    }
}
