package org.carebridge.gateway.discharge;

import jakarta.inject.Singleton;
import org.carebridge.gateway.fhir.ResourceRepository;
import org.carebridge.gateway.store.ResourceStore;
import org.carebridge.gateway.store.StoreSession;
import org.carebridge.mappings.discharge.hl7.AdtEvent;
import org.carebridge.routes.hl7.AckingAdtEventSink;
import org.carebridge.rules.referrals.HospitalStay;
import org.carebridge.rules.referrals.HospitalStayRules;
import org.carebridge.rules.referrals.StayAction;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ServiceRequest;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * ADT events and the passing of time applied to people with care at home: {@link HospitalStayRules} over the
 * stay in table hospital_stay and the person's placed orders (ServiceRequests with a performer). Suspending an
 * order puts it on hold and cancels its visits (Appointments based on it) from the 48-hour mark; reinstating
 * books those visits again. Notices and visit changes become outbox events ({@link DischargeNotifications}). One
 * transaction per event (with its HL7 ACK, {@link #acceptOnce}) or tick.
 */
@Singleton
public class HospitalStayService implements AckingAdtEventSink {
    private final ResourceStore store;
    private final ResourceRepository repository;
    private final FhirLookups lookups;
    private final DischargeNotifications notifications;
    private final DischargeClock clock;
    private final DischargeConfig config;
    private final HospitalStayRules rules = HospitalStayRules.standard();

    public HospitalStayService(FhirLookups lookups, DischargeNotifications notifications, DischargeClock clock, DischargeConfig config) {
        this.lookups = lookups;
        this.repository = lookups.repository();
        this.store = repository.store();
        this.notifications = notifications;
        this.clock = clock;
        this.config = config;
    }

    @Override
    public void accept(String tenant, AdtEvent e) {
        store.inTenant(tenant, s -> {
            s.lockKey("stay|" + e.nhsNumber());
            applyEvent(s, e);
            return null;
        });
    }

    /**
     * The event and its ACK in one transaction: the first ACK under the key if there is one (nothing applied),
     * else the event applied and the ACK stored, committed together before the ACK is returned (and sent). The
     * key's lock makes a concurrent delivery of the same message, on any node, wait for this one's commit.
     */
    @Override
    public Remembered acceptOnce(String tenant, AdtEvent e, String key, Supplier<String> ack) {
        return store.inTenant(tenant, s -> {
            s.lockKeys(List.of("hl7-ack|" + key, "stay|" + e.nhsNumber()));
            Optional<String> first = PostgresAckRepository.find(s, key);
            if (first.isPresent()) return new Remembered(first.get(), true);
            applyEvent(s, e);
            return new Remembered(PostgresAckRepository.saveIfAbsent(s, key, ack.get()), false);
        });
    }

    private void applyEvent(StoreSession s, AdtEvent e) throws SQLException {
        Instant now = clock.now();
        List<HospitalStayRules.ActiveOrder> orders = orders(s, e.nhsNumber());
        Optional<HospitalStay> stay = load(s, e.nhsNumber());
        HospitalStay current = stay.orElse(null);
        HospitalStayRules.Step step = switch (e.type()) {
            case A01 -> rules.admit(e.nhsNumber(), e.admittedAt(), orders, now);
            case A03 -> rules.discharge(current, e.dischargedAt(), orders);
            case A11 -> rules.cancelAdmit(current, orders, now);
            case A13 -> rules.cancelDischarge(current, orders, now);
            case A08 -> new HospitalStayRules.Step(current, List.of());
        };
        apply(s, e.nhsNumber(), step, now);
    }

    /** The 48-hour rule for every stay of the tenant still in hospital and not yet suspended. */
    public int tick(String tenant) {
        return store.inTenant(tenant, s -> {
            Instant now = clock.now();
            int suspended = 0;
            for (String nhs : inHospital(s)) {
                s.lockKey("stay|" + nhs);
                Optional<HospitalStay> stay = load(s, nhs);
                HospitalStayRules.Step step = rules.tick(stay.orElse(null), orders(s, nhs), now);
                if (!step.actions().isEmpty() || (step.stay() != null && step.stay().suspended())) {
                    apply(s, nhs, step, now);
                    suspended++;
                }
            }
            return suspended;
        });
    }

    private List<HospitalStayRules.ActiveOrder> orders(StoreSession s, String nhs) throws SQLException {
        Optional<String> person = lookups.patientIdByNhsNumber(s, nhs);
        if (person.isEmpty()) {
            return List.of();
        }
        List<HospitalStayRules.ActiveOrder> out = new ArrayList<>();
        for (ServiceRequest sr : lookups.placedOrders(s, person.get())) {
            out.add(new HospitalStayRules.ActiveOrder(FhirLookups.ref(sr), sr.getPerformerFirstRep().getReference()));
        }
        return out;
    }

    private void apply(StoreSession s, String nhs, HospitalStayRules.Step step, Instant now) throws SQLException {
        if (step.stay() != null) {
            save(s, nhs, step.stay(), now);
        }
        for (StayAction a : step.actions()) {
            if (a instanceof StayAction.SuspendOrder so) {
                setOrderStatus(s, so.orderId(), ServiceRequest.ServiceRequestStatus.ONHOLD);
                cancelVisits(s, so.orderId(), so.from());
            } else if (a instanceof StayAction.ReinstateOrder ro) {
                setOrderStatus(s, ro.orderId(), ServiceRequest.ServiceRequestStatus.ACTIVE);
                rebookVisits(s, ro.orderId(), ro.from());
            } else if (a instanceof StayAction.Notify n) {
                String recipient = n.recipient() == StayAction.Recipient.COUNCIL ? config.brokerageRef(s.tenant()) : n.providerId();
                if (n.orderId() == null) {
                    // A notice about the person (the council hears of the stay once, not per order).
                    Optional<String> person = lookups.patientIdByNhsNumber(s, nhs);
                    if (person.isPresent()) {
                        String id = person.get();
                        notifications.notify(s, kind(n.notice()), id, "Patient/" + id, null, recipient);
                    }
                    continue;
                }
                Optional<ServiceRequest> order = lookups.read(s, ServiceRequest.class, idOf(n.orderId()));
                if (order.isEmpty()) continue;
                // the order as it now stands (active, or on-hold while suspended); the kind says what happened
                notifications.notify(s, kind(n.notice()), DischargeNotifications.person(order.get().getSubject().getReference()),
                        n.orderId(), repository.encode(order.get()), recipient);
            }
        }
    }

    /** The event kind of a stay notice: admission, suspension, restart, admission-cancelled, discharge-cancelled. */
    static String kind(StayAction.Notice notice) {
        return switch (notice) {
            case ADMITTED -> "admission";
            case SUSPENDED -> DischargeNotifications.SUSPENSION;
            case RESTART -> "restart";
            default -> notice.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        };
    }

    /** A visit the stay changed, for the provider that carries it out (the order's performer). */
    private void visitChanged(StoreSession s, String kind, Appointment stored, ServiceRequest order) throws SQLException {
        String provider = order.getPerformerFirstRep().getReference();
        if (provider == null) return;
        notifications.notify(s, kind, DischargeNotifications.person(order.getSubject().getReference()),
                "Appointment/" + stored.getIdElement().getIdPart(), repository.encode(stored), provider);
    }

    private void setOrderStatus(StoreSession s, String orderRef, ServiceRequest.ServiceRequestStatus status) throws SQLException {
        Optional<ServiceRequest> sr = lookups.read(s, ServiceRequest.class, idOf(orderRef));
        if (sr.isPresent() && sr.get().getStatus() != status) {
            sr.get().setStatus(status);
            repository.update(s, FhirLookups.id(sr.get()), sr.get(), null);
        }
    }

    /** Visits planned from {@code from}: cancelled, marked so that a reinstatement can book them again. */
    private void cancelVisits(StoreSession s, String orderRef, Instant from) throws SQLException {
        ServiceRequest order = lookups.read(s, ServiceRequest.class, idOf(orderRef)).orElse(null);
        List<Appointment> booked = lookups.search(s, Appointment.class, "based-on", orderRef, "status", "proposed,pending,booked");
        lockAll(s, booked);
        for (Appointment a : booked) {
            if (a.hasStart() && !a.getStart().toInstant().isBefore(from)) {
                a.setStatus(Appointment.AppointmentStatus.CANCELLED);
                a.setCancelationReason(new CodeableConcept(new Coding(DischargeCodes.VISIT_CANCEL_REASON,
                        DischargeCodes.IN_HOSPITAL, "Person in hospital")));
                Appointment stored = (Appointment) repository.update(s, FhirLookups.id(a), a, null).getResource();
                if (order != null) visitChanged(s, DischargeNotifications.VISIT_CANCELLED, stored, order);
            }
        }
    }

    private void rebookVisits(StoreSession s, String orderRef, Instant from) throws SQLException {
        ServiceRequest order = lookups.read(s, ServiceRequest.class, idOf(orderRef)).orElse(null);
        List<Appointment> cancelled = lookups.search(s, Appointment.class, "based-on", orderRef, "status", "cancelled");
        lockAll(s, cancelled);
        for (Appointment a : cancelled) {
            boolean ours = a.getCancelationReason().getCoding().stream()
                    .anyMatch(c -> DischargeCodes.IN_HOSPITAL.equals(c.getCode()) && DischargeCodes.VISIT_CANCEL_REASON.equals(c.getSystem()));
            if (ours && a.hasStart() && !a.getStart().toInstant().isBefore(from)) {
                a.setStatus(Appointment.AppointmentStatus.BOOKED);
                a.setCancelationReason(null);
                Appointment stored = (Appointment) repository.update(s, FhirLookups.id(a), a, null).getResource();
                if (order != null) visitChanged(s, DischargeNotifications.VISIT_REBOOKED, stored, order);
            }
        }
    }

    /**
     * The visits' current rows locked in one statement (id order), so the updates that follow need no round trip
     * each: an admission cancels a week of visits.
     */
    private static void lockAll(StoreSession s, List<Appointment> visits) throws SQLException {
        s.lockCurrentAll("Appointment", visits.stream().map(a -> a.getIdElement().getIdPart()).toList());
    }

    private static String idOf(String ref) {
        return ref.substring(ref.indexOf('/') + 1);
    }

    // ---- hospital_stay rows -------------------------------------------------------------------------------------

    public Optional<HospitalStay> load(StoreSession s, String nhs) throws SQLException {
        try (PreparedStatement ps = s.connection().prepareStatement("select status, admitted_at, discharged_at, suspended"
                + " from hospital_stay where tenant = ? and nhs_number = ?")) {
            ps.setString(1, s.tenant());
            ps.setString(2, nhs);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new HospitalStay(nhs, HospitalStay.Status.valueOf(rs.getString(1)), inst(rs, 2), inst(rs, 3),
                        rs.getBoolean(4)));
            }
        }
    }

    private List<String> inHospital(StoreSession s) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = s.connection().prepareStatement("select nhs_number from hospital_stay where tenant = ?"
                + " and status = 'IN_HOSPITAL' and not suspended order by admitted_at")) {
            ps.setString(1, s.tenant());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private void save(StoreSession s, String nhs, HospitalStay stay, Instant now) throws SQLException {
        try (PreparedStatement ps = s.connection().prepareStatement("insert into hospital_stay (tenant, nhs_number, status,"
                + " admitted_at, discharged_at, suspended, updated_at) values (?, ?, ?, ?, ?, ?, ?) on conflict (tenant, nhs_number)"
                + " do update set status = excluded.status, admitted_at = excluded.admitted_at,"
                + " discharged_at = excluded.discharged_at, suspended = excluded.suspended, updated_at = excluded.updated_at")) {
            ps.setString(1, s.tenant());
            ps.setString(2, nhs);
            ps.setString(3, stay.status().name());
            ps.setTimestamp(4, stay.admittedAt() == null ? null : Timestamp.from(stay.admittedAt()));
            ps.setTimestamp(5, stay.dischargedAt() == null ? null : Timestamp.from(stay.dischargedAt()));
            ps.setBoolean(6, stay.suspended());
            ps.setTimestamp(7, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    private static Instant inst(ResultSet rs, int col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }
}
