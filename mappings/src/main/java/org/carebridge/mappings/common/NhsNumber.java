package org.carebridge.mappings.common;

/**
 * The NHS number check (shared/standards.md): ten digits, the last a modulus-11 check digit over the first nine
 * with weights 10..2. A remainder giving 10 means no valid number has those nine digits.
 */
public final class NhsNumber {
    private NhsNumber() {}

    /** True when the value, after removing spaces (as NHS numbers are often printed 3-3-4), is a valid number. */
    public static boolean isValid(String value) {
        String digits = normalise(value);
        if (digits == null) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == digits.charAt(9) - '0';
    }

    /** The ten digits without separators, or null when the value is not ten digits at all. */
    public static String normalise(String value) {
        if (value == null) {
            return null;
        }
        String digits = value.replace(" ", "").replace("-", "");
        if (digits.length() != 10) {
            return null;
        }
        for (int i = 0; i < 10; i++) {
            if (!Character.isDigit(digits.charAt(i)) || digits.charAt(i) > '9') {
                return null;
            }
        }
        return digits;
    }
}
