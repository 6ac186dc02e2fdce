package org.carebridge.mappings.mosaic;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
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

    public static String resourceId(String tenant, String type, String... keys) {
        StringBuilder name = new StringBuilder("carebridge/mosaic/").append(tenant).append('/').append(type);
        for (String k : keys) {
            name.append('/').append(k);
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * The access arrangement reference: an HMAC of tenant and person id under a deployment secret, so it is stable
     * (idempotent) yet cannot be linked back to a person id by anyone without the key.
     */
    public static String accessReference(byte[] key, String tenant, String personId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] h = mac.doFinal((tenant + "\u0000" + personId).getBytes(StandardCharsets.UTF_8));
            return "AR-" + HexFormat.of().withUpperCase().formatHex(h, 0, 10);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
