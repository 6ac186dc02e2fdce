package org.carebridge.gateway.routes;

/**
 * Every admin action, allowed or refused, is recorded. The security module's {@code HttpApiGate} already writes each
 * admin call to the audit log proper; {@link LogAdminAudit} adds the action and target to the log.
 *
 * @param caller  subject id, or null when the caller could not be identified
 * @param action  e.g. routes.reload, route.stop, dead-letter.replay
 * @param target  route id or dead letter id; never personal data
 * @param outcome ok, denied, failed, invalid, not-found
 */
public interface AdminAudit {
    void record(String caller, String action, String target, String outcome);
}
