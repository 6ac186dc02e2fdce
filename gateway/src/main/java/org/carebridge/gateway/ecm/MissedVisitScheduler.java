package org.carebridge.gateway.ecm;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.carebridge.gateway.store.ResourceStore;
import org.carebridge.gateway.tenant.TenantConfig;
import org.carebridge.gateway.tenant.TenantRegistry;
import org.carebridge.profiles.rulepacks.RulePack;
import org.carebridge.rules.visits.VisitEvent;
import org.hl7.fhir.r4.model.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The missed-visit check, every {@code carebridge.ecm.missed-check-interval} (default 1m) and shortly after
 * start-up: a scan of stored visits still booked whose rule-pack threshold ({@code missed_at}) has passed, judged
 * again at the clock's now, which raises the missed-visit alert Task. State lives in PostgreSQL: a threshold passed
 * while the gateway was down is alerted on the first tick after, the alert key is unique so no visit is alerted
 * twice, and two nodes skip each other's locked rows.
 */
@Singleton
public class MissedVisitScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(MissedVisitScheduler.class);
    private static final int BATCH = 500;

    private final ResourceStore store;
    private final TenantRegistry tenants;
    private final EcmTenants ecm;
    private final VisitWriter writer;
    private final EcmClock clock;

    public MissedVisitScheduler(ResourceStore store, TenantRegistry tenants, EcmTenants ecm, VisitWriter writer, EcmClock clock) {
        this.store = store;
        this.tenants = tenants;
        this.ecm = ecm;
        this.writer = writer;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${carebridge.ecm.missed-check-interval:1m}", initialDelay = "${carebridge.ecm.missed-check-initial-delay:10s}")
    void scheduled() {
        for (TenantConfig t : tenants.all()) {
            try {
                tick(t.id());
            } catch (RuntimeException e) {
                LOG.warn("tenant={} missed-visit check failed: {}", t.id(), e.getClass().getSimpleName());
            }
        }
    }

    /** One tenant's check; returns the alerts raised. */
    public synchronized List<Task> tick(String tenant) {
        RulePack pack;
        try {
            pack = ecm.pack(tenant);
        } catch (RuntimeException noPack) {
            return List.of(); // a council without a rule pack takes no ECM feeds
        }
        List<Task> raised = new ArrayList<>();
        Instant now = clock.now();
        while (true) {
            int[] seen = new int[1];
            List<Task> pass = store.inTenant(tenant, s -> {
                List<VisitRow> due = VisitStore.dueVisits(s, now, BATCH);
                seen[0] = due.size();
                Map<String, List<VisitEvent>> logs = VisitStore.eventsOf(s, due.stream().map(v -> v.visit().visitId()).toList(), Map.of());
                return writer.judgeAndWrite(s, pack, due, logs, now).alerts();
            });
            raised.addAll(pass);
            // A full page that raised nothing would come back unchanged: stop rather than spin.
            if (seen[0] < BATCH || pass.isEmpty()) break;
        }
        if (!raised.isEmpty()) LOG.info("tenant={} missed-visit alerts raised: {}", tenant, raised.size());
        return raised;
    }
}
