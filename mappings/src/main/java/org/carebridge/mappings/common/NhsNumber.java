package org.carebridge.mappings.common;

/**
 * The NHS number check (shared/standards.md): ten digits, the tenth a modulus-11 check digit over the first nine
 * weighted 10..2. Spaces and hyphens as people write them ("943 476 5919") are tolerated by {@link #normalise}.
 */
public final class NhsNumber {
    private NhsNumber() {}

    /** True when {@code value} is exactly ten digits with a correct check digit. */
    public static boolean isValid(String value) {
        if (value == null || value.length() != 10) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            if (i < 9) {
                sum += (c - '0') * (10 - i);
            }
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            check = 0;
        }
        // A remainder giving 10 can never be a valid number.
        return check != 10 && check == value.charAt(9) - '0';
    }

    /** Removes the spaces and hyphens of a printed NHS number; null stays null. */
    public static String normalise(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder digits = new StringBuilder(10);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != ' ' && c != '-') {
                digits.append(c);
            }
        }
        return digits.toString();
    }
}
