package org.carebridge.gateway.routes;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps admin audit records in memory so tests can check every action is audited. */
@Singleton
@Replaces(LogAdminAudit.class)
@Requires(env = "test")
public class RecordingAdminAudit extends LogAdminAudit {
    public static final List<String> RECORDS = new CopyOnWriteArrayList<>();

    @Override
    public void record(String caller, String action, String target, String outcome) {
        super.record(caller, action, target, outcome);
        RECORDS.add(caller + " " + action + " " + target + " " + outcome);
    }
}
