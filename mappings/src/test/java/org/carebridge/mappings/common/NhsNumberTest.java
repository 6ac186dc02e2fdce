package org.carebridge.mappings.common;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NhsNumberTest {
    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(value = {
            "9434765919, true",     // check digit 9
            "9434765918, false",    // wrong check digit
            "943 476 5919, true",   // printed 3-3-4
            "943-476-5919, true",
            "1000000060, true",     // 11 - 0 = 11 -> check digit 0
            "1000000010, false",    // the first nine give 10: no valid number
            "1000000011, false",
            "3478526985, false",    // the NHS number in the BaRS validation examples
            "9476719931, true",     // the NHS number in the BaRS booking examples
            "943476591, false",     // nine digits
            "94347659190, false",   // eleven
            "94347659a9, false",
            "'', false",
            "NULL, false"}, nullValues = "NULL")
    void modulus11(String value, boolean valid) {
        assertEquals(valid, NhsNumber.isValid(value));
    }
}
