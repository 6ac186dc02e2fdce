package org.carebridge.mappings.discharge.bars;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What to do with a delivery whose X-Request-Id may have been seen (the store keeps, per tenant and request id,
 * the body's digest and the first outcome): a retry of the same body gets the first outcome again and changes
 * nothing; a different body under a used request id is a conflict (409 REC_CONFLICT, duplicate), as in the BaRS
 * examples.
 */
public final class MessageReplay {
    private MessageReplay() {}

    /** The first outcome as stored: HTTP status and the serialised response body. */
    public record StoredOutcome(String bodyDigest, int httpStatus, String responseBody) {}

    public sealed interface Decision {
        record Process() implements Decision {}

        record Replay(StoredOutcome first) implements Decision {}

        record Conflict(BarsIssue issue) implements Decision {}
    }

    public static Decision decide(Optional<StoredOutcome> stored, String bodyDigest) {
        if (stored.isEmpty()) {
            return new Decision.Process();
        }
        if (stored.get().bodyDigest().equals(bodyDigest)) {
            return new Decision.Replay(stored.get());
        }
        return new Decision.Conflict(BarsIssue.duplicate(
                "X-Request-Id was already used for a different message; a retry must repeat the same body"));
    }

    /** SHA-256 of the body as received, hex. */
    public static String digest(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
