package org.carebridge.gateway.fhir;

import ca.uhn.fhir.util.DateUtils;
import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fast path's Last-Modified is written exactly as HAPI's encoder path writes it. */
class HttpDateTest {
    @Test
    void sameTextAsHapiForAnyInstant() {
        Random random = new Random(42);
        long from = Date.UTC(70, 0, 1, 0, 0, 0);
        long span = Date.UTC(199, 11, 31, 23, 59, 59) - from; // 1970 to 2099: every weekday, month and day width
        for (int i = 0; i < 20_000; i++) {
            Date d = new Date(from + (long) (random.nextDouble() * span));
            assertEquals(DateUtils.formatDate(d), StoredJsonResponder.httpDate(d), d.toInstant().toString());
        }
    }
}
