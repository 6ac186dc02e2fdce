package org.carebridge.mappings.mosaic;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Deterministic ids: the same tenant and Mosaic id always give the same resource id, so applying an extract twice
 * updates rather than duplicates. Name-based UUIDs keep Mosaic's own ids out of URLs.
 */
public final class MosaicIds {
    private MosaicIds() {}

    // Provider look-ups in getInstance cost more than the hashing itself: one instance per thread.
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    });

    public static String resourceId(String tenant, String type, String... keys) {
        StringBuilder name = new StringBuilder("carebridge/mosaic/").append(tenant).append('/').append(type);
        for (String k : keys) {
            name.append('/').append(k);
        }
        // A version 3 (name-based, MD5) UUID, as UUID.nameUUIDFromBytes makes it.
        byte[] md5 = MD5.get().digest(name.toString().getBytes(StandardCharsets.UTF_8));
        md5[6] = (byte) ((md5[6] & 0x0f) | 0x30);
        md5[8] = (byte) ((md5[8] & 0x3f) | 0x80);
        ByteBuffer b = ByteBuffer.wrap(md5);
        return new UUID(b.getLong(), b.getLong()).toString();
    }

    /**
     * The access arrangement reference: an HMAC of tenant and person id under a deployment secret, so it is stable
     * (idempotent) yet cannot be linked back to a person id by anyone without the key.
     */
    public static String accessReference(byte[] key, String tenant, String personId) {
        return accessReference(hmac(key), tenant, personId);
    }

    /** As {@link #accessReference(byte[], String, String)} with a Mac already keyed (not thread-safe). */
    public static String accessReference(Mac keyed, String tenant, String personId) {
        byte[] h = keyed.doFinal((tenant + "\u0000" + personId).getBytes(StandardCharsets.UTF_8));
        return "AR-" + HexFormat.of().withUpperCase().formatHex(h, 0, 10);
    }

    public static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
