package org.carebridge.mappings.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NhsNumberTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "NULL", value = {
        "9449305552, true",   // check digit 2
        "9000000009, true",   // UK Core example patient
        "9434765919, true",
        "9434765918, false",  // wrong check digit
        "9434765910, false",
        "1000000010, false",  // remainder gives 10: never valid
        "0000000000, true",   // all zeros passes the arithmetic (11 -> 0)
        "943476591, false",   // nine digits
        "94347659190, false", // eleven digits
        "943476591X, false",
        "'943 476 5919', false", // spaces are not normalised by isValid
        "NULL, false",
    })
    void checksDigitsAndModulus11(String value, boolean valid) {
        assertEquals(valid, NhsNumber.isValid(value));
    }

    @ParameterizedTest
    @CsvSource({"'943 476 5919', 9434765919", "943-476-5919, 9434765919", "9434765919, 9434765919"})
    void normalisesPrintedForms(String printed, String digits) {
        assertEquals(digits, NhsNumber.normalise(printed));
    }
}
