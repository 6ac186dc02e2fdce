package org.carebridge.benchmarks.gen;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class NhsNumbersTest {

    @ParameterizedTest
    @CsvSource({"9434765919,true", "9434765918,false", "9000000009,true", "999000000X,false", "943476591,false",
            "9990000018,true", "9990000026,true", "9990000010,false"})
    void checksTheModulus11Digit(String number, boolean valid) {
        assertEquals(valid, NhsNumbers.isValid(number));
    }

    @Test
    void stemsWithCheckDigitTenAreNeverIssued() {
        // 999000001: weights 10..2 over 9,9,9,0,0,0,0,0,1 -> 90+81+72+2 = 245; 245 mod 11 = 3; 11-3 = 8.
        assertEquals(8, NhsNumbers.checkDigit(999_000_001));
        int invalid = 0;
        for (int i = 0; i < 110_000; i++) if (NhsNumbers.checkDigit(999_000_000 + i) < 0) invalid++;
        assertEquals(10_000, invalid, 100, "about one stem in eleven has no valid check digit");
    }

    @Test
    void generatedNumbersAreValidTestRangeAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String n = NhsNumbers.forIndex(42, i);
            assertTrue(NhsNumbers.isTestRange(n), n);
            assertTrue(seen.add(n), "duplicate " + n + " at " + i);
        }
        assertTrue(NhsNumbers.capacity() > 900_000 && NhsNumbers.capacity() < 1_000_000);
        assertNotEquals(NhsNumbers.forIndex(42, 0), NhsNumbers.forIndex(43, 0), "the seed chooses the permutation");
        assertThrows(IllegalArgumentException.class, () -> NhsNumbers.forIndex(42, NhsNumbers.capacity()));
    }

    @Test
    void everyPersonWithANumberHasAValidOne() {
        SyntheticWorld w = new SyntheticWorld(7, Scale.small());
        int without = 0;
        for (int i = 0; i < w.scale().people(); i++) {
            String n = w.person(i).nhsNumber();
            if (n == null) without++;
            else assertTrue(NhsNumbers.isTestRange(n), n);
        }
        assertTrue(without < w.scale().people() / 10, "only a few people lack an NHS number: " + without);
    }
}
