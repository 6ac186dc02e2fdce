package org.carebridge.gateway.security;

import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.carebridge.gateway.audit.AuditLog;
import org.carebridge.gateway.audit.AuditRecord;
import org.carebridge.gateway.tenant.TenantConfig;
import org.carebridge.gateway.tenant.TenantRegistry;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The gate of the HTTP APIs beside FHIR (Micronaut controllers, which HAPI's interceptors do not see):
 * <ul>
 * <li>{@code /admin/**}: a bearer token of the council with role council-integration, for the tenant named in the
 * path (or {@code ?tenant=}); a path naming no tenant needs a token some tenant accepts. Every call is audited.</li>
 * <li>{@code /ingest/{tenant}/{channel}}: the channel's own API key stays the credential (checked by the
 * controller); here each push is rate-limited per channel and audited, and a bearer token, if sent, must be valid.</li>
 * <li>{@code /mosaic/{tenant}/**} (Mosaic extract upload and held extracts): treated as {@code /admin/**}.</li>
 * <li>{@code /prometheus}: treated as {@code /admin/**} (council-integration of some tenant). Metrics carry ids and
 * counts, not personal data, but are operational detail that should not be public.</li>
 * </ul>
 * Controllers find the verified {@link Caller} in the request attribute {@link Caller#USER_DATA_KEY}.
 */
@ServerFilter({"/admin/**", "/ingest/**", "/prometheus", "/prometheus/**", "/mosaic/**"})
public class HttpApiGate {
    private static final String AUDIT_KEY = "carebridge.audit.tenant";
    private static final String AUDITED_KEY = "carebridge.audit.done";

    private final TokenVerifier verifier;
    private final TenantRegistry tenants;
    private final RateLimiter rateLimiter;
    private final AuditLog audit;

    public HttpApiGate(TokenVerifier verifier, TenantRegistry tenants, RateLimiter rateLimiter, AuditLog audit) {
        this.verifier = verifier;
        this.tenants = tenants;
        this.rateLimiter = rateLimiter;
        this.audit = audit;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        String path = request.getPath();
        String[] seg = path.split("/");
        String auth = request.getHeaders().get("Authorization");
        String ip = request.getRemoteAddress() == null ? "" : request.getRemoteAddress().getAddress().getHostAddress();
        if (path.startsWith("/ingest/")) {
            String tenant = seg.length > 2 && tenants.exists(seg[2]) ? seg[2] : null;
            if (tenant == null) return null; // the controller answers 404 for an unknown tenant or channel
            request.setAttribute(AUDIT_KEY, tenant);
            String channel = seg.length > 3 ? seg[3] : "";
            if (auth != null) {
                try {
                    request.setAttribute(Caller.USER_DATA_KEY, verifier.verify(tenant, auth, ip));
                } catch (AuthenticationException e) {
                    return refuse(request, HttpStatus.UNAUTHORIZED, "a bearer token, when sent, must be valid");
                }
            }
            if (!rateLimiter.tryAcquire("ingest|" + tenant + "|" + channel)) {
                return refuse(request, HttpStatus.TOO_MANY_REQUESTS, "too many requests on this channel; retry later").header("Retry-After", "1");
            }
            return null;
        }
        // /admin/** and /prometheus
        String named = null;
        for (String s : seg) if (tenants.exists(s)) { named = s; break; }
        if (named == null) named = request.getParameters().get("tenant");
        if (named != null && !tenants.exists(named)) named = null;
        if (named != null) request.setAttribute(AUDIT_KEY, named);
        if (auth == null) return refuse(request, HttpStatus.UNAUTHORIZED, "a bearer token is required");
        Caller caller = null;
        List<String> candidates = named != null ? List.of(named) : tenants.all().stream().map(TenantConfig::id).sorted().toList();
        for (String t : candidates) {
            try {
                caller = verifier.verify(t, auth, ip);
                break;
            } catch (AuthenticationException e) {
                // try the next tenant
            }
        }
        if (caller == null) return refuse(request, HttpStatus.UNAUTHORIZED, "a valid bearer token from an issuer the tenant trusts is required");
        request.setAttribute(Caller.USER_DATA_KEY, caller);
        request.setAttribute(AUDIT_KEY, caller.tenant());
        if (!rateLimiter.tryAcquire(caller.subject() + "|" + caller.org())) {
            return refuse(request, HttpStatus.TOO_MANY_REQUESTS, "too many requests; retry later").header("Retry-After", "1");
        }
        if (caller.orgType() != Caller.OrgType.COUNCIL || !caller.has(Caller.COUNCIL_INTEGRATION)) {
            return refuse(request, HttpStatus.FORBIDDEN, "administration needs the council-integration role");
        }
        return null;
    }

    @ResponseFilter
    public void after(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Cache-Control", "no-store");
        if (request.getAttribute(AUDITED_KEY).isPresent()) return;
        record(request, response.code());
    }

    /** A refusal by this gate: audited at once (the response filter does not see short-circuited requests). */
    private MutableHttpResponse<?> refuse(HttpRequest<?> request, HttpStatus status, String message) {
        record(request, status.getCode());
        request.setAttribute(AUDITED_KEY, Boolean.TRUE);
        return error(status, message);
    }

    private void record(HttpRequest<?> request, int status) {
        String tenant = request.getAttribute(AUDIT_KEY, String.class).orElse(null);
        if (tenant == null) return;
        Caller c = request.getAttribute(Caller.USER_DATA_KEY, Caller.class).orElse(null);
        String path = request.getPath();
        boolean ingest = path.startsWith("/ingest/");
        String action = ingest ? "ingest" : path.startsWith("/mosaic/") ? "mosaic" : "admin";
        if (status == 401 || status == 403 || status == 429) action = "refusal:" + action;
        String who = c != null ? c.subject() : ingest ? "channel:" + (path.split("/").length > 3 ? path.split("/")[3] : "") : "anonymous";
        String ip = request.getRemoteAddress() == null ? "" : request.getRemoteAddress().getAddress().getHostAddress();
        audit.record(AuditRecord.of(tenant, action, status, who, c == null ? "" : c.org(),
                c == null ? "" : c.orgType().code(), c == null ? "" : String.join(" ", new TreeSet<>(c.roles())),
                c == null ? "" : c.purpose(), ip, request.getMethodName() + " " + path, List.of(), ""));
    }

    private static MutableHttpResponse<?> error(HttpStatus status, String message) {
        return HttpResponse.status(status).contentType(io.micronaut.http.MediaType.APPLICATION_JSON_TYPE).body(Map.of("error", message));
    }
}
