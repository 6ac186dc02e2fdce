package org.carebridge.mappings.ecm;

import static org.carebridge.mappings.ecm.EcmTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PseudonymiserTest {
    private final Pseudonymiser kent = new Pseudonymiser("kent", KENT_KEY);

    @Test
    void stablePerTenantAndUnlinkableAcrossTenants() {
        String a = kent.worker("CW-17");
        assertEquals(a, new Pseudonymiser("kent", KENT_KEY).worker("CW-17"));
        assertTrue(a.matches("cw-[0-9a-f]{32}"), a);
        assertNotEquals(a, kent.worker("CW-18"));
        assertNotEquals(a, new Pseudonymiser("lbhf", LBHF_KEY).worker("CW-17"));
        assertNotEquals(a, new Pseudonymiser("lbhf", KENT_KEY).worker("CW-17"), "tenant is part of the input too");
    }

    @Test
    void niNumberSpellingsAreOneWorkerAndNeverAppear() {
        String p = kent.worker("AB123456C");
        assertEquals(p, kent.worker("ab 12 34 56 c"));
        assertFalse(p.toUpperCase().contains("AB123456C"));
    }

    @Test
    void shortKeysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Pseudonymiser("kent", new byte[16]));
    }

    @ParameterizedTest(name = "{0} -> NI number: {1}")
    @CsvSource({
            "AB123456C, true",
            "AB 12 34 56 C, true",
            "ab123456c, true",
            "AB123456, true",       // suffix is optional in many systems
            "QQ123456C, false",      // HMRC's specimen: Q is never a first letter
            "DA123456C, false",     // D never used as a prefix letter
            "AO123456C, false",     // O never second
            "GB123456A, false",     // administrative prefix, not issued
            "AB123456E, false",     // suffix only A-D
            "AB12345C, false",
            "CW-17, false",
    })
    void niNumberPattern(String value, boolean nino) {
        assertEquals(nino, Pseudonymiser.isNino(value));
    }

    @Test
    void scrubsNiNumbersOutOfFreeText() {
        assertEquals("carer [NI number removed] called in sick",
                Pseudonymiser.scrub("carer JG 10 37 45 B called in sick"));
        assertEquals("door code changed", Pseudonymiser.scrub("door code changed"));
    }
}
