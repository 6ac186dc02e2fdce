package org.carebridge.mappings.ecm;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces care-worker identifiers with a stable keyed pseudonym before anything is stored (H:3225: NI numbers go
 * into the e-monitoring system and nowhere else). HMAC-SHA256 under a per-tenant key: the same worker gets the
 * same pseudonym within a council, different councils cannot link them, and without the key nobody can test a
 * guessed NI number against a pseudonym. The key comes from the caller (the gateway's secret store); this class
 * does no I/O. Create one per tenant and reuse it: it keeps a keyed Mac per thread.
 */
public final class Pseudonymiser {
    /** UK National Insurance number: two prefix letters (D, F, I, Q, U, V never used; O not second), six digits,
     *  optional suffix A-D. The administrative prefixes BG, GB, KN, NK, NT, TN, ZZ are not issued. */
    private static final Pattern NINO = Pattern.compile("(?i)\\b(?!BG|GB|KN|NK|NT|TN|ZZ)([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])"
            + "\\s?(\\d{2})\\s?(\\d{2})\\s?(\\d{2})\\s?([A-D])?\\b");
    public static final String NINO_REMOVED = "[NI number removed]";
    private static final int MIN_KEY_BYTES = 32;

    private final String tenant;
    private final SecretKeySpec key;

    public Pseudonymiser(String tenant, byte[] key) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("pseudonymisation key for tenant " + tenant + " must be at least "
                    + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public String tenant() {
        return tenant;
    }

    /**
     * The worker's pseudonym, "cw-" and 32 hex digits (128 bits of the HMAC). An NI number is normalised first
     * (upper case, no spaces) so "ab 12 34 56 c" and "AB123456C" are one worker.
     */
    public String worker(String workerIdOrNino) {
        String id = Objects.requireNonNull(workerIdOrNino, "worker id").trim();
        if (id.isEmpty()) {
            throw new IllegalArgumentException("empty worker id");
        }
        if (isNino(id)) {
            id = "nino:" + id.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        }
        return "cw-" + HexFormat.of().formatHex(hmac("worker\u0000" + tenant + "\u0000" + id), 0, 16);
    }

    /** Whether the whole value is an NI number (spaces allowed). */
    public static boolean isNino(String value) {
        Matcher m = NINO.matcher(value.trim());
        return m.matches();
    }

    /** Free text with any NI number in it replaced: reasons and notes are typed by people and may contain one. */
    public static String scrub(String text) {
        return text == null ? null : NINO.matcher(text).replaceAll(NINO_REMOVED);
    }

    private byte[] hmac(String input) {
        return mac.get().doFinal(input.getBytes(StandardCharsets.UTF_8));
    }

    /** Looking up and keying a Mac costs more than using it: one per thread, reset by doFinal. */
    private final ThreadLocal<Mac> mac = ThreadLocal.withInitial(this::newMac);

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
