package org.carebridge.gateway.routes;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Default audit of admin actions: one log line each on logger {@code carebridge.audit.admin}. */
@Singleton
public class LogAdminAudit implements AdminAudit {
    private static final Logger AUDIT = LoggerFactory.getLogger("carebridge.audit.admin");

    @Override
    public void record(String caller, String action, String target, String outcome) {
        AUDIT.info("admin action={} target={} caller={} outcome={}", action, target, caller, outcome);
    }
}
