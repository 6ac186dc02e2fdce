package org.carebridge.rules.visits;

import static org.carebridge.rules.visits.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HospitalStayTest {

    @ParameterizedTest(name = "{0}: judged {1} h after admission, seen at home: {2} -> suspension due {3}")
    @CsvSource({
            "lbhf, 47, false, false",
            "lbhf, 48, false, true",
            "lbhf, 72, true,  false",
            "kent, 72, false, false",   // Kent's specification sets no suspension
    })
    void suspensionAfterFortyEightHours(String tenant, int hours, boolean seenAtHome, boolean due) {
        VisitEvent admission = event(EventKind.PERSON_IN_HOSPITAL, "w1", 0);
        List<VisitEvent> since = seenAtHome ? List.of(in("w2", 24 * 60)) : List.of();
        var n = HospitalStay.suspensionDue(admission, visit(tenant, 30, false, 1), since, pack(tenant), at(hours * 60));
        assertEquals(due, n.isPresent());
        n.ifPresent(x -> {
            assertEquals(at(48 * 60), x.at());
            assertEquals("lbhf/V1/package-suspension-due", x.key());
        });
    }
}
