package org.carebridge.gateway.security;

import java.util.Set;

/**
 * One issuer a tenant trusts: {@code carebridge.tenants.<tenant>.issuers.<name>.{issuer, jwks-url, audience,
 * org-types, orgs}}. {@code org-types} limits which kinds of organisation its tokens may speak for (default all);
 * {@code orgs}, when given, is the list of ODS codes it may vouch for.
 */
public record TrustedIssuer(String name, String issuer, String jwksUrl, String audience,
                            Set<Caller.OrgType> orgTypes, Set<String> orgs) {

    public boolean vouchesFor(Caller.OrgType type, String org) {
        return orgTypes.contains(type) && (orgs.isEmpty() || orgs.contains(org));
    }
}
