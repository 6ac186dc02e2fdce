package org.carebridge.rules.visits;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carebridge.profiles.rulepacks.RulePack;
import org.carebridge.profiles.rulepacks.RulePacks;
import org.junit.jupiter.api.Test;

class BundledPacksTest {

    /** A typo in a pack's notify code would create alerts no one's CodeSystem defines. */
    @Test
    void everyNotificationCodeInTheShippedPacksIsKnown() {
        for (RulePack p : RulePacks.allBundled().values()) {
            List<Optional<String>> codes = new ArrayList<>();
            p.punctuality().forEach(r -> codes.add(r.notification()));
            codes.add(p.missed().notification());
            p.doubleUp().ifPresent(r -> codes.add(r.notification()));
            p.shortVisit().ifPresent(r -> codes.add(r.notification()));
            p.manualEntry().ifPresent(r -> codes.add(r.notification()));
            codes.add(p.noReply().notification());
            codes.add(p.refusals().notification());
            codes.add(p.hospitalAdmission().notification());
            codes.stream().flatMap(Optional::stream)
                    .forEach(c -> assertTrue(NotificationReasons.KNOWN.contains(c), p.tenant() + ": " + c));
        }
    }
}
