package org.carebridge.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The bearer token: given as is (--token), printed by a command (--token-command), or none. */
public final class TokenSource implements Supplier<String> {
    private final String token;

    private TokenSource(String token) {
        this.token = token;
    }

    public static TokenSource of(String token, String command) throws IOException, InterruptedException {
        if (token != null && command != null) throw new IllegalArgumentException("--token and --token-command: give one, not both");
        if (command == null) return new TokenSource(token);
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(false)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("--token-command: the command failed (exit " + (p.isAlive() ? "timeout" : p.exitValue()) + ")");
        }
        String t = new String(out, StandardCharsets.UTF_8).trim();
        if (t.isEmpty()) throw new IllegalStateException("--token-command: the command printed no token");
        return new TokenSource(t);
    }

    @Override
    public String get() {
        return token;
    }
}
