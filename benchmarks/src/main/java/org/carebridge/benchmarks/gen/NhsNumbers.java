package org.carebridge.benchmarks.gen;

/**
 * NHS numbers from the test range 999 000 0000 - 999 999 9999 (never issued to real people), each with a valid
 * modulus-11 check digit (shared/standards.md). Stems whose check digit would be 10 are skipped, which leaves
 * {@link #capacity()} distinct numbers; person {@code i} gets the {@code i}-th of them in a seeded permutation.
 */
public final class NhsNumbers {
    private static final int STEM_BASE = 999_000_000;
    private static final int STEMS = 1_000_000;
    private static volatile int[] validStems;

    private NhsNumbers() {}

    /** The check digit of a nine-digit stem, or -1 when the stem cannot form a valid number. */
    public static int checkDigit(long stem) {
        int sum = 0;
        for (int weight = 2; weight <= 10; weight++) {
            sum += (int) (stem % 10) * weight;
            stem /= 10;
        }
        int check = 11 - (sum % 11);
        if (check == 11) return 0;
        return check == 10 ? -1 : check;
    }

    public static boolean isValid(String number) {
        if (number == null || number.length() != 10) return false;
        for (int i = 0; i < 10; i++) {
            if (!Character.isDigit(number.charAt(i))) return false;
        }
        int check = checkDigit(Long.parseLong(number.substring(0, 9)));
        return check >= 0 && check == number.charAt(9) - '0';
    }

    public static boolean isTestRange(String number) {
        return isValid(number) && number.startsWith("999");
    }

    /** How many distinct valid test-range numbers exist (about 909,000). */
    public static int capacity() {
        return stems().length;
    }

    /**
     * The {@code index}-th number of the permutation chosen by {@code seed}; distinct for distinct indexes below
     * {@link #capacity()}. Beyond it there are no test numbers left and the caller must do without.
     */
    public static String forIndex(long seed, int index) {
        int[] s = stems();
        if (index < 0 || index >= s.length) throw new IllegalArgumentException("index " + index + " beyond the test range");
        long n = s.length;
        long step = coprimeStep(n, seed);
        long offset = Math.floorMod(seed * 0x9E3779B97F4A7C15L, n);
        int stem = s[(int) ((offset + step * index) % n)];
        return Integer.toString(stem) + checkDigit(stem);
    }

    private static long coprimeStep(long n, long seed) {
        long step = 104_729 + Math.floorMod(seed, 1000) * 2;
        while (gcd(step, n) != 1) step++;
        return step;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static int[] stems() {
        int[] s = validStems;
        if (s == null) {
            synchronized (NhsNumbers.class) {
                if (validStems == null) {
                    int[] all = new int[STEMS];
                    int n = 0;
                    for (int i = 0; i < STEMS; i++) {
                        if (checkDigit(STEM_BASE + i) >= 0) all[n++] = STEM_BASE + i;
                    }
                    validStems = java.util.Arrays.copyOf(all, n);
                }
                s = validStems;
            }
        }
        return s;
    }
}
