package org.carebridge.profiles.rulepacks;

/** A rule pack that cannot be used: names the file, the place in it and what is wrong. */
public final class RulePackException extends RuntimeException {
    private final String file;
    private final String path;

    public RulePackException(String file, String path, String problem) {
        super(file + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
        this.file = file;
        this.path = path;
    }

    public String file() {
        return file;
    }

    /** Dotted location inside the pack, e.g. "punctuality[0].tolerance"; empty for the whole file. */
    public String path() {
        return path;
    }
}
