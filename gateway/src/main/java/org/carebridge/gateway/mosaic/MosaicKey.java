package org.carebridge.gateway.mosaic;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The deployment's secret for access arrangement references. It must not change (references, and so orders,
 * would all change), so a generated key is kept in a file readable by the gateway only.
 */
@Singleton
public class MosaicKey {
    private final byte[] key;

    public MosaicKey(MosaicSettings settings) {
        String configured = settings.accessReferenceKey();
        if (configured != null && !configured.isBlank()) {
            if (configured.length() < 16) {
                throw new IllegalStateException("carebridge.mosaic.access-reference-key must be at least 16 characters");
            }
            key = configured.getBytes(StandardCharsets.UTF_8);
        } else {
            key = generated(Path.of(settings.dataDir(), "access-reference.key"));
        }
    }

    byte[] bytes() {
        return key.clone();
    }

    private static synchronized byte[] generated(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] k = new byte[32];
                new SecureRandom().nextBytes(k);
                Path tmp = Files.createTempFile(file.getParent(), "key", ".tmp");
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the directory's permissions protect it
                }
                Files.writeString(tmp, HexFormat.of().formatHex(k), StandardCharsets.US_ASCII);
                Files.move(tmp, file);
            }
            return HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the access reference key", e);
        }
    }
}
