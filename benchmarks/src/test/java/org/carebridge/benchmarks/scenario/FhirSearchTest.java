package org.carebridge.benchmarks.scenario;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

class FhirSearchTest {
    @Test
    void searchesThatAllFoundNothingMeasuredNothing() {
        assertNotNull(FhirSearch.emptyHanded(40, 0), "every sampled search empty: not a measurement");
        assertNull(FhirSearch.emptyHanded(40, 3));
        assertNull(FhirSearch.emptyHanded(0, 0), "nothing sampled: nothing to judge (failed requests are counted apart)");
    }

    @Test
    void countsAppointmentsInCompactAndSpacedBundles() {
        String compact = "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Appointment\"}},"
                + "{\"resource\":{\"resourceType\":\"Appointment\"}}]}";
        String spaced = "{ \"resourceType\": \"Bundle\", \"entry\": [ { \"resource\": { \"resourceType\": \"Appointment\" } } ] }";
        assertEquals(2, FhirSearch.count(compact.getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, FhirSearch.count(spaced.getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, FhirSearch.count("{\"resourceType\":\"Bundle\"}".getBytes(StandardCharsets.UTF_8)));
        // A reused buffer: only its first length bytes are the body.
        byte[] buffer = java.util.Arrays.copyOf(compact.getBytes(StandardCharsets.UTF_8), 4096);
        byte[] stale = "\"resourceType\":\"Appointment\"".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(stale, 0, buffer, compact.length() + 10, stale.length);
        assertEquals(2, FhirSearch.count(buffer, compact.length()));
        assertEquals(1, FhirSearch.count(buffer, 80), "a match cut at the length is not counted");
    }
}
