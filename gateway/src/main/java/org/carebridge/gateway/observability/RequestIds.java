package org.carebridge.gateway.observability;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Correlation and request ids for requests that bring none. They only need to be distinct, never secret (they are
 * echoed to the caller and logged), so they come from a per-thread generator rather than the shared SecureRandom,
 * whose lock every concurrent request otherwise queued on.
 */
public final class RequestIds {
    private static final char[] ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private RequestIds() {}

    /** {@code length} letters and digits. */
    public static String alphanumeric(int length) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] out = new char[length];
        for (int i = 0; i < length; i++) out[i] = ALPHANUMERIC[r.nextInt(ALPHANUMERIC.length)];
        return new String(out);
    }

    /** A random (version 4) UUID, as {@link UUID#randomUUID()} gives, without its SecureRandom. */
    public static UUID uuid() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;                     // version 4
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(hi, lo);
    }
}
