package org.carebridge.gateway.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;

import java.util.Set;

/**
 * Who is asking, as the verified bearer token says, bound to the tenant of the URL. Put in the request's user
 * data by {@link SecurityInterceptor}; everything downstream (visibility, redaction, audit) reads it from there.
 */
public record Caller(String tenant, String subject, String org, OrgType orgType, Set<String> roles,
                     Scopes scopes, String purpose, String clientId) {

    public static final String USER_DATA_KEY = "carebridge.caller";

    public enum OrgType {
        COUNCIL, PROVIDER, HOSPITAL;

        public static OrgType parse(String s) {
            if (s == null) return null;
            return switch (s) {
                case "council" -> COUNCIL;
                case "provider" -> PROVIDER;
                case "hospital" -> HOSPITAL;
                default -> null;
            };
        }

        public String code() {
            return name().toLowerCase();
        }
    }

    // Roles the gateway knows; any other role grants nothing.
    public static final String COUNCIL_STAFF = "council-staff";
    public static final String COUNCIL_INTEGRATION = "council-integration";
    public static final String DPO = "dpo";
    public static final String PROVIDER_OFFICE = "provider-office";
    public static final String CARE_WORKER = "care-worker";
    public static final String DISCHARGE_TEAM = "discharge-team";

    public boolean has(String role) {
        return roles.contains(role);
    }

    /**
     * The one relationship that decides what this caller sees. A token with roles of several kinds gets the
     * narrowest that fits its organisation type; a role that does not fit the organisation type counts for nothing.
     */
    public Party party() {
        return switch (orgType) {
            case COUNCIL -> has(COUNCIL_STAFF) || has(COUNCIL_INTEGRATION) ? Party.COUNCIL
                    : has(DPO) ? Party.DPO : Party.NONE;
            case PROVIDER -> has(CARE_WORKER) ? Party.CARE_WORKER : has(PROVIDER_OFFICE) ? Party.PROVIDER : Party.NONE;
            case HOSPITAL -> has(DISCHARGE_TEAM) ? Party.HOSPITAL : Party.NONE;
        };
    }

    /** A council caller with the DPO role may use the DPO's functions, whatever else it holds. */
    public boolean isDpo() {
        return orgType == OrgType.COUNCIL && has(DPO);
    }

    public enum Party { COUNCIL, DPO, PROVIDER, CARE_WORKER, HOSPITAL, NONE }

    public static Caller of(RequestDetails request) {
        return request == null ? null : (Caller) request.getUserData().get(USER_DATA_KEY);
    }
}
