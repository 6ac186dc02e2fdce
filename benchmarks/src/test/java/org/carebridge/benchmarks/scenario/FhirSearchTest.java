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
    }
}
