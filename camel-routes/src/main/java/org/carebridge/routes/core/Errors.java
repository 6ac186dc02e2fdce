package org.carebridge.routes.core;

/** Error text fit for logs, dead letters and the admin API. */
public final class Errors {
    private static final int MAX = 500;

    private Errors() {
    }

    /**
     * The exception's own message, shortened. Handlers must not put personal data in messages (project rule);
     * the length cap keeps a misbehaving library from dumping a whole record.
     */
    public static String safeMessage(Throwable e) {
        String m = e.getMessage();
        if (m == null) return "";
        m = m.replaceAll("[\\r\\n\\t]+", " ");
        return m.length() > MAX ? m.substring(0, MAX) + "..." : m;
    }
}
