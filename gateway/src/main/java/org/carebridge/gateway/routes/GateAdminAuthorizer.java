package org.carebridge.gateway.routes;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import org.carebridge.gateway.security.Caller;

/**
 * Admin authorisation on the security module's verdict: {@link org.carebridge.gateway.security.HttpApiGate} has
 * already verified the bearer token for the tenant the path names and required role council-integration of a
 * council; it leaves the {@link Caller} in request attribute {@link Caller#USER_DATA_KEY}. This re-checks it (defence
 * in depth: no caller = 401, wrong role = 403) and, for a route id ({@code tenant.channel}), that the route is the
 * caller's own tenant's.
 */
@Singleton
public class GateAdminAuthorizer implements AdminAuthorizer {
    @Override
    public AdminCaller authorize(HttpRequest<?> request) {
        Caller c = request.getAttribute(Caller.USER_DATA_KEY, Caller.class).orElse(null);
        if (c == null) throw new AdminAccessDenied(401, "a valid bearer token is required");
        if (c.orgType() != Caller.OrgType.COUNCIL || !c.has(ROLE)) {
            throw new AdminAccessDenied(403, "role " + ROLE + " required");
        }
        String[] seg = request.getPath().split("/");
        // /admin/routes/{tenant.channel}/{action}: only the caller's own tenant's routes
        if (seg.length > 4 && "routes".equals(seg[2]) && seg[3].contains(".")
                && !seg[3].startsWith(c.tenant() + ".")) {
            throw new AdminAccessDenied(403, "route belongs to another tenant");
        }
        return new AdminCaller(c.subject(), c.tenant());
    }
}
