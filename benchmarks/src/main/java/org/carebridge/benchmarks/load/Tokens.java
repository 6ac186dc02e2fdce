package org.carebridge.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bearer tokens for a run with data protection on. Either one fixed token for every request (--token or
 * --token-command: another server, or a real issuer), or tokens minted by the gateway's development issuer
 * ({@code POST /dev-issuer/token}, on with {@code --demo}) per role: council staff for ingest, council integration
 * for feed uploads, and one provider-office token per provider for reads and searches, so each request is
 * filtered by that provider's access grants. With neither, requests carry no token.
 */
public final class Tokens {
    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private final String fixed;
    private final URI issuer;
    private final String councilOrg;
    private final Map<String, String> minted = new ConcurrentHashMap<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public Tokens(TokenSource fixed, URI issuer, String councilOrg) {
        this.fixed = fixed.get();
        this.issuer = fixed.get() != null ? null : issuer;
        this.councilOrg = councilOrg;
    }

    /** Whether reads and searches run as individual providers (the gateway's data protection decides per row). */
    public boolean perProvider() {
        return issuer != null;
    }

    public String council() {
        return fixed != null ? fixed : mint("council-staff", councilOrg);
    }

    public String integration() {
        return fixed != null ? fixed : mint("council-integration", councilOrg);
    }

    /** A provider-office token for the organisation with this ODS code. */
    public String provider(String ods) {
        return fixed != null ? fixed : mint("provider-office", ods);
    }

    private String mint(String role, String org) {
        if (issuer == null) return null;
        return minted.computeIfAbsent(role + "|" + org, k -> {
            String body = "{\"roles\":[\"" + role + "\"],\"org\":\"" + org + "\",\"minutes\":240}";
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(issuer).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                Matcher m = TOKEN.matcher(r.body());
                if (r.statusCode() != 200 || !m.find()) {
                    throw new IllegalStateException("the development token issuer at " + issuer + " answered " + r.statusCode()
                            + ": start the gateway with --demo (or -Dcarebridge.security.dev-issuer.enabled=true), give"
                            + " --token/--token-command, or --dev-issuer none for a server without authentication");
                }
                return m.group(1);
            } catch (IOException e) {
                throw new IllegalStateException("the development token issuer at " + issuer + " is not reachable (" + e
                        + "); give --token/--token-command or --dev-issuer none", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }
}
