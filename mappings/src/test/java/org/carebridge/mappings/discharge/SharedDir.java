package org.carebridge.mappings.discharge;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared (system property shared.dir, set by surefire; else ../shared from the project root). */
public final class SharedDir {
    private SharedDir() {}

    public static Path get() {
        String prop = System.getProperty("shared.dir");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("../shared").normalize();
            if (Files.isDirectory(candidate.resolve("standards"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find the shared directory: set -Dshared.dir");
    }

    public static Path barsExamples() {
        return get().resolve("standards/bars/specification/examples");
    }
}
