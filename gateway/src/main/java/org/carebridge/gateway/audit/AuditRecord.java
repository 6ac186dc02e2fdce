package org.carebridge.gateway.audit;

import java.time.Instant;
import java.util.List;

/**
 * One audited event. Only ids, codes and parameter names: never a name, NHS number or address, so the log
 * itself can be shown to the DPO and verified without disclosing more than it records.
 */
public record AuditRecord(String tenant, long seq, Instant recorded, String action, int outcome, String agentSub,
                          String agentOrg, String agentOrgType, String agentRoles, String purpose, String clientIp,
                          String what, List<String> patients, String detail, String prevHash, String hash) {

    /** The text the hash covers, field by field in a fixed order. */
    public String canonical() {
        return String.join("\n", tenant, Long.toString(seq), recorded.toString(), action, Integer.toString(outcome),
                agentSub, agentOrg, agentOrgType, agentRoles, purpose, clientIp, what, String.join(",", patients), detail);
    }

    public AuditRecord chained(long seq, String prevHash) {
        AuditRecord r = new AuditRecord(tenant, seq, recorded, action, outcome, agentSub, agentOrg, agentOrgType,
                agentRoles, purpose, clientIp, what, patients, detail, prevHash, null);
        return new AuditRecord(tenant, seq, recorded, action, outcome, agentSub, agentOrg, agentOrgType, agentRoles,
                purpose, clientIp, what, patients, detail, prevHash, AuditChain.hash(prevHash, r.canonical()));
    }

    public static AuditRecord of(String tenant, String action, int outcome, String agentSub, String agentOrg,
                                 String agentOrgType, String agentRoles, String purpose, String clientIp, String what,
                                 List<String> patients, String detail) {
        return new AuditRecord(tenant, 0, Instant.ofEpochMilli(System.currentTimeMillis()), action, outcome,
                nz(agentSub), nz(agentOrg), nz(agentOrgType), nz(agentRoles), nz(purpose), nz(clientIp), nz(what),
                List.copyOf(patients), nz(detail), null, null);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
