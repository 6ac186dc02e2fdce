package org.carebridge.gateway.discharge;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.carebridge.gateway.fhir.ResourceRepository;
import org.carebridge.gateway.store.StoreSession;
import org.carebridge.mappings.discharge.BreachAlerts;
import org.carebridge.rules.referrals.ReferralClocks;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The passing of time, every {@code carebridge.discharge.tick-interval} (default 1m): the 48-hour rule for
 * people in hospital, and referral clocks past their deadline, each raising one alert Task to brokerage (state in
 * PostgreSQL: survives restarts, never alerts twice, and two nodes skip each other's locked rows).
 */
@Singleton
public class DischargeScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(DischargeScheduler.class);

    private final DischargeConfig config;
    private final HospitalStayService stays;
    private final ReferralClockStore clocks;
    private final ResourceRepository repository;
    private final FhirLookups lookups;
    private final DischargeNotifications notifications;
    private final DischargeClock clock;

    public DischargeScheduler(DischargeConfig config, HospitalStayService stays, ReferralClockStore clocks,
                              FhirLookups lookups, DischargeNotifications notifications, DischargeClock clock) {
        this.config = config;
        this.stays = stays;
        this.clocks = clocks;
        this.repository = lookups.repository();
        this.lookups = lookups;
        this.notifications = notifications;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${carebridge.discharge.tick-interval:1m}", initialDelay = "${carebridge.discharge.tick-interval:1m}")
    void scheduled() {
        for (String tenant : config.tenants()) {
            try {
                tick(tenant);
            } catch (RuntimeException e) {
                LOG.warn("tenant={} discharge tick failed: {}", tenant, e.getClass().getSimpleName());
            }
        }
    }

    /** One tenant's tick; returns the alerts raised. */
    public synchronized List<Task> tick(String tenant) {
        stays.tick(tenant);
        return repository.store().inTenant(tenant, this::alerts);
    }

    private List<Task> alerts(StoreSession s) throws SQLException {
        Instant now = clock.now();
        List<Task> raised = new ArrayList<>();
        for (ReferralClockStore.OpenClock c : clocks.due(s, now)) {
            if (c.ackAlertedAt() == null && c.acknowledgedAt() == null && now.isAfter(c.acknowledgeBy())) {
                raised.add(raise(s, c, ReferralClocks.Clock.ACKNOWLEDGEMENT, c.acknowledgeBy(), now));
            }
            if (c.responseAlertedAt() == null && now.isAfter(c.respondBy())) {
                raised.add(raise(s, c, ReferralClocks.Clock.RESPONSE, c.respondBy(), now));
            }
        }
        return raised;
    }

    /** The person a clock is about: the subject of the referral, or of the offer Task's referral. */
    private String personOf(StoreSession s, String subjectRef, Task alert) throws SQLException {
        if (alert.hasFor() && alert.getFor().getReference() != null) {
            return DischargeNotifications.person(alert.getFor().getReference());
        }
        String id = subjectRef.substring(subjectRef.indexOf('/') + 1);
        if (subjectRef.startsWith("Task/")) {
            Optional<Task> offer = lookups.read(s, Task.class, id);
            if (offer.isPresent() && offer.get().hasFor()) return DischargeNotifications.person(offer.get().getFor().getReference());
            if (offer.isPresent() && offer.get().hasFocus()) id = idOf(offer.get().getFocus().getReference());
        }
        return lookups.read(s, ServiceRequest.class, id).map(sr -> DischargeNotifications.person(sr.getSubject().getReference()))
                .orElse(subjectRef.replace('/', '-'));
    }

    private static String idOf(String ref) {
        return ref.substring(ref.indexOf('/') + 1);
    }

    private Task raise(StoreSession s, ReferralClockStore.OpenClock c, ReferralClocks.Clock which, Instant deadline, Instant now)
            throws SQLException {
        ReferralClocks.Breach breach = new ReferralClocks.Breach(which, deadline, Duration.between(deadline, now), true);
        Task alert = BreachAlerts.toTask(breach, c.subjectRef(), config.brokerageRef(s.tenant()), now);
        Task stored = (Task) repository.create(s, alert, null).getResource();
        clocks.alerted(s, c.subjectRef(), which, now);
        notifications.notify(s, DischargeNotifications.ALERT, personOf(s, c.subjectRef(), stored),
                "Task/" + stored.getIdElement().getIdPart(), repository.encode(stored), config.brokerageRef(s.tenant()));
        LOG.info("tenant={} {} breached on {}", s.tenant(), which, c.subjectRef());
        return stored;
    }
}
