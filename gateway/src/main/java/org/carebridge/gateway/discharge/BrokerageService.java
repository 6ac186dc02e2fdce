package org.carebridge.gateway.discharge;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.inject.Singleton;
import org.carebridge.gateway.fhir.ResourceRepository;
import org.carebridge.gateway.fhir.WriteGuard;
import org.carebridge.gateway.fhir.WriteListener;
import org.carebridge.gateway.store.StoreSession;
import org.carebridge.mappings.discharge.OfferTaskMapper;
import org.carebridge.mappings.discharge.ReferralOrders;
import org.carebridge.rules.referrals.Brokerage;
import org.carebridge.rules.referrals.BrokerageConflict;
import org.carebridge.rules.referrals.BrokerageEvent;
import org.carebridge.rules.referrals.Offer;
import org.carebridge.rules.referrals.ReferralClocks;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Brokerage of referrals over the store: the council's brokerage Task, offers to providers (a Task each, rows in
 * brokerage_offer), and the providers' answers, which arrive as ordinary FHIR updates of their offer Task. The
 * {@link WriteGuard} refuses answers that cannot apply (409: withdrawn, already answered); the
 * {@link WriteListener} applies the rest in the same transaction: first acceptance wins, the others are withdrawn,
 * the order is placed with the winner and started; every step is a notification ({@link DischargeNotifications}).
 */
@Singleton
public class BrokerageService implements WriteListener, WriteGuard {
    private static final Set<String> ANSWERS = Set.of("accepted", "rejected");

    private final FhirLookups lookups;
    private final ResourceRepository repository;
    private final ReferralClockStore clocks;
    private final DischargeNotifications notifications;
    private final DischargeClock clock;
    private final DischargeConfig config;

    public BrokerageService(FhirLookups lookups, ReferralClockStore clocks, DischargeNotifications notifications, DischargeClock clock,
                            DischargeConfig config) {
        this.lookups = lookups;
        this.repository = lookups.repository();
        this.clocks = clocks;
        this.notifications = notifications;
        this.clock = clock;
        this.config = config;
    }

    // ---- the council's brokerage Task ---------------------------------------------------------------------------

    /** Opens brokerage of a new referral: a Task for the brokerage team, focused on the council's order. */
    public Task open(StoreSession s, ServiceRequest order, Instant now) throws SQLException {
        Task t = new Task();
        t.setStatus(Task.TaskStatus.REQUESTED);
        t.setIntent(Task.TaskIntent.ORDER);
        t.setCode(new CodeableConcept(new Coding(DischargeCodes.REFERRAL_TASK, DischargeCodes.BROKERAGE, "Broker a package of care")));
        t.setFocus(new Reference(FhirLookups.ref(order)));
        t.setFor(order.getSubject().copy());
        t.setOwner(new Reference(config.brokerageRef(s.tenant())));
        t.setAuthoredOn(Date.from(now));
        t.setPriority(order.getPriority() == ServiceRequest.ServiceRequestPriority.ROUTINE || !order.hasPriority()
                ? Task.TaskPriority.ROUTINE : Task.TaskPriority.URGENT);
        return (Task) repository.create(s, t, null).getResource();
    }

    public Optional<Task> brokerageTask(StoreSession s, String referralId) throws SQLException {
        return lookups.search(s, Task.class, "focus", "ServiceRequest/" + referralId,
                "code", DischargeCodes.REFERRAL_TASK + "|" + DischargeCodes.BROKERAGE).stream().findFirst();
    }

    // ---- offers --------------------------------------------------------------------------------------------------

    /** Offers the referral's package to providers (Organization references); returns the new offer Tasks. */
    public List<Task> offer(StoreSession s, String referralId, List<String> providerRefs) throws SQLException {
        ServiceRequest order = lookups.read(s, ServiceRequest.class, referralId)
                .orElseThrow(() -> new ResourceNotFoundException("ServiceRequest/" + referralId + " is not known"));
        for (String p : providerRefs) {
            if (!p.startsWith("Organization/")) {
                throw new InvalidRequestException("provider: '" + p + "' must reference an Organization");
            }
        }
        Instant now = clock.now();
        Brokerage before = load(s, order, true);
        Brokerage.Step step;
        try {
            step = before.offerTo(providerRefs, now, () -> UUID.randomUUID().toString());
        } catch (BrokerageConflict e) {
            throw new ResourceVersionConflictException(e.getMessage());
        }
        return apply(s, order, before, step, null);
    }

    /** The referral was revoked: every offer is withdrawn, the brokerage Task cancelled, the clocks stopped. */
    public void cancel(StoreSession s, ServiceRequest order, Instant at) throws SQLException {
        Brokerage before = load(s, order, true);
        apply(s, order, before, before.cancel(at), null);
        Optional<Task> bt = brokerageTask(s, order.getIdElement().getIdPart());
        if (bt.isPresent() && bt.get().getStatus() != Task.TaskStatus.COMPLETED) {
            Task t = bt.get();
            t.setStatus(Task.TaskStatus.CANCELLED);
            t.setStatusReason(new CodeableConcept().setText("referral cancelled by the sender"));
            repository.update(s, FhirLookups.id(t), t, null);
        }
        clocks.closeAllOf(s, order.getIdElement().getIdPart(), at);
    }

    // ---- answers arrive as Task updates --------------------------------------------------------------------------

    @Override
    public void beforeWrite(RequestDetails request, String interaction, String resourceType, IdType id, Resource resource) {
        if (!"Task".equals(resourceType) || !(resource instanceof Task task) || !isOffer(task)) {
            return;
        }
        String offerId = task.getIdElement().getIdPart();
        Optional<Row> row = offerId == null ? Optional.empty()
                : repository.store().inTenant(request.getTenantId(), s -> row(s, offerId));
        if (row.isEmpty()) {
            throw new UnprocessableEntityException("Task: offers are made with ServiceRequest/{id}/$offer, not written directly");
        }
        String now = row.get().status();
        String wanted = task.hasStatus() ? task.getStatus().toCode() : null;
        if (now.equals(wanted)) {
            return;
        }
        if (!"requested".equals(now)) {
            throw new ResourceVersionConflictException("Task.status: offer " + offerId + " is already " + now
                    + ("cancelled".equals(now) ? " (withdrawn)" : "") + "; it can no longer be answered");
        }
        if (!ANSWERS.contains(wanted)) {
            throw new InvalidRequestException("Task.status: a provider answers an offer with 'accepted' or 'rejected', not '"
                    + wanted + "'");
        }
    }

    @Override
    public boolean takes(String resourceType) {
        return "Task".equals(resourceType);
    }

    @Override
    public void afterWrite(StoreSession s, String interaction, String resourceType, String id, Resource resource)
            throws SQLException {
        if (!(resource instanceof Task task)) {
            return;
        }
        if (isOffer(task)) {
            answered(s, task);
        } else if (isBrokerageTask(task) && task.getFocus().getReference() != null) {
            String srRef = task.getFocus().getReference();
            Instant now = clock.now();
            switch (task.getStatus()) {
                case RECEIVED, ACCEPTED, INPROGRESS -> clocks.acknowledged(s, srRef, now);
                case REJECTED -> clocks.responded(s, srRef, now);
                default -> { }
            }
        }
    }

    private void answered(StoreSession s, Task task) throws SQLException {
        String offerId = task.getIdElement().getIdPart();
        Optional<Row> first = row(s, offerId);
        if (first.isEmpty()) {
            return;
        }
        ServiceRequest order = lookups.read(s, ServiceRequest.class, first.get().referralId()).orElse(null);
        if (order == null) {
            return;
        }
        // The provider's Task row is already locked by this write: wait for the referral's lock and two answers
        // at once could deadlock (each withdrawing the other's Task), so the later one is refused instead.
        if (!tryLockReferral(s, order.getIdElement().getIdPart())) {
            throw new ResourceVersionConflictException("Task.status: another answer to this referral is being applied; "
                    + "read the offer again before answering");
        }
        Brokerage before = load(s, order, false);
        Offer offer = before.offer(offerId).orElseThrow();
        String status = task.getStatus() == null ? null : task.getStatus().toCode();
        if (offer.status().taskCode().equals(status)) {
            return; // our own write, or a provider update that changes no answer
        }
        Instant now = clock.now();
        Brokerage.Step step;
        try {
            step = switch (status == null ? "" : status) {
                case "accepted" -> before.accept(offerId, now);
                case "rejected" -> before.decline(offerId, task.hasStatusReason() ? task.getStatusReason().getText() : null, now);
                default -> throw new InvalidRequestException("Task.status: a provider answers an offer with 'accepted' or 'rejected'");
            };
        } catch (BrokerageConflict e) {
            // Lost a race with another answer that the guard could not see yet.
            throw new ResourceVersionConflictException("Task.status: " + e.getMessage());
        }
        apply(s, order, before, step, offerId);
    }

    // ---- applying a brokerage step ------------------------------------------------------------------------------

    private List<Task> apply(StoreSession s, ServiceRequest order, Brokerage before, Brokerage.Step step, String answeredOffer)
            throws SQLException {
        String referralId = order.getIdElement().getIdPart();
        String srRef = "ServiceRequest/" + referralId;
        String patientRef = order.getSubject().getReference();
        String person = DischargeNotifications.person(patientRef);
        String brokerage = config.brokerageRef(s.tenant());
        Map<String, Offer> old = before.offers().stream().collect(Collectors.toMap(Offer::offerId, Function.identity()));
        for (Offer o : step.brokerage().offers()) {
            if (!o.equals(old.get(o.offerId()))) {
                save(s, referralId, o);
            }
        }
        List<Task> created = new ArrayList<>();
        for (BrokerageEvent e : step.events()) {
            if (e instanceof BrokerageEvent.OfferMade m) {
                    Offer o = step.brokerage().offer(m.offerId()).orElseThrow();
                    Task t = OfferTaskMapper.toTask(o, srRef, patientRef, o.providerId());
                    t.setId((String) null);
                    t.setCode(new CodeableConcept(new Coding(DischargeCodes.REFERRAL_TASK, "offer", "Offer of a package of care")));
                    Task stored = (Task) repository.create(s, t, null, o.offerId()).getResource();
                    created.add(stored);
                    clocks.start(s, "Task/" + o.offerId(), referralId, new ReferralClocks.Request(m.at(),
                            order.hasOccurrenceDateTimeType() ? order.getOccurrenceDateTimeType().getValue().toInstant() : null,
                            order.hasPriority() ? order.getPriority().toCode() : null, isDischarge(order)));
                    clocks.acknowledged(s, srRef, m.at());
                    Optional<Task> bt = brokerageTask(s, referralId);
                    if (bt.isPresent() && bt.get().getStatus() == Task.TaskStatus.REQUESTED) {
                        bt.get().setStatus(Task.TaskStatus.INPROGRESS);
                        repository.update(s, FhirLookups.id(bt.get()), bt.get(), null);
                    }
                    // only the offered provider hears of its offer
                    emit(s, DischargeNotifications.OFFER, person, "Task/" + o.offerId(), repository.encode(stored), o.providerId());
            } else if (e instanceof BrokerageEvent.OfferAccepted a) {
                    clocks.responded(s, "Task/" + a.offerId(), a.at());
                    clocks.responded(s, srRef, a.at());
                    ServiceRequest placed = ReferralOrders.placed(order, a.providerId());
                    placed.setId(order.getIdElement().toUnqualifiedVersionless());
                    ServiceRequest stored = (ServiceRequest) repository.update(s, FhirLookups.id(order), placed, null).getResource();
                    Optional<Task> bt = brokerageTask(s, referralId);
                    if (bt.isPresent()) {
                        Task t = bt.get();
                        t.setStatus(Task.TaskStatus.COMPLETED);
                        t.getOutput().clear();
                        t.addOutput().setType(new CodeableConcept().setText("placed with")).setValue(new Reference(a.providerId()));
                        repository.update(s, FhirLookups.id(t), t, null);
                    }
                    emit(s, DischargeNotifications.OFFER_ACCEPTED, person, "Task/" + a.offerId(), null, brokerage);
                    emit(s, DischargeNotifications.ORDER_STARTED, person, srRef, repository.encode(stored), a.providerId());
            } else if (e instanceof BrokerageEvent.OfferDeclined d) {
                    clocks.responded(s, "Task/" + d.offerId(), d.at());
                    emit(s, DischargeNotifications.OFFER_DECLINED, person, "Task/" + d.offerId(), null, brokerage);
            } else if (e instanceof BrokerageEvent.OfferWithdrawn w) {
                    String withdrawn = null;
                    if (!w.offerId().equals(answeredOffer)) {
                        Optional<Task> t = lookups.read(s, Task.class, w.offerId());
                        if (t.isPresent()) {
                            Task task = t.get();
                            task.setStatus(Task.TaskStatus.CANCELLED);
                            task.setStatusReason(new CodeableConcept().setText(
                                    step.brokerage().state() == Brokerage.State.CANCELLED ? "referral cancelled"
                                            : "another provider accepted first"));
                            withdrawn = repository.encode((Task) repository.update(s, FhirLookups.id(task), task, null).getResource());
                        }
                    }
                    clocks.close(s, "Task/" + w.offerId(), w.at());
                    emit(s, DischargeNotifications.OFFER_WITHDRAWN, person, "Task/" + w.offerId(), withdrawn, w.providerId());
            } else if (e instanceof BrokerageEvent.AllOffersDeclined all) {
                    Task alert = new Task();
                    alert.setStatus(Task.TaskStatus.REQUESTED);
                    alert.setIntent(Task.TaskIntent.ORDER);
                    alert.setPriority(Task.TaskPriority.URGENT);
                    alert.setCode(new CodeableConcept(new Coding(DischargeCodes.ALERT_SYSTEM, DischargeCodes.ALL_OFFERS_DECLINED,
                            "Every provider offered the package declined")));
                    alert.setFocus(new Reference(srRef));
                    alert.setFor(order.getSubject().copy());
                    alert.setOwner(new Reference(config.brokerageRef(s.tenant())));
                    alert.setAuthoredOn(Date.from(all.at()));
                    Task stored = (Task) repository.create(s, alert, null).getResource();
                    emit(s, DischargeNotifications.ALL_OFFERS_DECLINED, person, "Task/" + stored.getIdElement().getIdPart(),
                            repository.encode(stored), brokerage);
            }
        }
        return created;
    }

    private void emit(StoreSession s, String kind, String person, String about, String payload, String recipient)
            throws SQLException {
        notifications.notify(s, kind, person, about, payload, recipient);
    }

    static boolean isDischarge(ServiceRequest sr) {
        return sr.getCategory().stream().flatMap(c -> java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(c.getText()), c.getCoding().stream().flatMap(x -> java.util.stream.Stream.of(x.getCode(), x.getDisplay()))))
                .anyMatch(t -> t != null && t.toLowerCase(java.util.Locale.ROOT).contains("discharge"));
    }

    static boolean isOffer(Task t) {
        return t.getMeta().getProfile().stream().anyMatch(p -> OfferTaskMapper.PROFILE.equals(p.getValue()))
                || t.getIdentifier().stream().anyMatch(i -> OfferTaskMapper.OFFER_ID.equals(i.getSystem()));
    }

    static boolean isBrokerageTask(Task t) {
        return t.getCode().getCoding().stream().anyMatch(c -> DischargeCodes.REFERRAL_TASK.equals(c.getSystem())
                && DischargeCodes.BROKERAGE.equals(c.getCode()));
    }

    // ---- brokerage_offer rows -----------------------------------------------------------------------------------

    record Row(String offerId, String referralId, String provider, String status, Instant offeredAt, Instant answeredAt,
               String reason) {}

    private Optional<Row> row(StoreSession s, String offerId) throws SQLException {
        try (PreparedStatement ps = s.connection().prepareStatement("select offer_id, referral_id, provider_ref, status,"
                + " offered_at, answered_at, decline_reason from brokerage_offer where tenant = ? and offer_id = ?")) {
            ps.setString(1, s.tenant());
            ps.setString(2, offerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /** The referral's brokerage as the rules see it; {@code lock} serialises answers to the same referral. */
    private Brokerage load(StoreSession s, ServiceRequest order, boolean lock) throws SQLException {
        String referralId = order.getIdElement().getIdPart();
        if (lock) {
            try (PreparedStatement ps = s.connection().prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
                ps.setString(1, "brokerage|" + s.tenant() + "|" + referralId);
                ps.execute();
            }
        }
        List<Offer> offers = new ArrayList<>();
        try (PreparedStatement ps = s.connection().prepareStatement("select offer_id, referral_id, provider_ref, status,"
                + " offered_at, answered_at, decline_reason from brokerage_offer where tenant = ? and referral_id = ?"
                + " order by offered_at, offer_id")) {
            ps.setString(1, s.tenant());
            ps.setString(2, referralId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Row r = row(rs);
                    offers.add(new Offer(r.offerId(), r.provider(), status(r.status()), r.offeredAt(), r.answeredAt(), r.reason()));
                }
            }
        }
        Brokerage.State state;
        if (order.getStatus() == ServiceRequest.ServiceRequestStatus.REVOKED) {
            state = Brokerage.State.CANCELLED;
        } else if (offers.stream().anyMatch(o -> o.status() == Offer.Status.ACCEPTED)) {
            state = Brokerage.State.PLACED;
        } else if (!offers.isEmpty() && offers.stream().noneMatch(Offer::open)) {
            state = Brokerage.State.UNPLACED;
        } else {
            state = Brokerage.State.OPEN;
        }
        return new Brokerage(referralId, offers, state);
    }

    private static boolean tryLockReferral(StoreSession s, String referralId) throws SQLException {
        try (PreparedStatement ps = s.connection().prepareStatement("select pg_try_advisory_xact_lock(hashtext(?))")) {
            ps.setString(1, "brokerage|" + s.tenant() + "|" + referralId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void save(StoreSession s, String referralId, Offer o) throws SQLException {
        try (PreparedStatement ps = s.connection().prepareStatement("insert into brokerage_offer (tenant, offer_id,"
                + " referral_id, provider_ref, status, offered_at, answered_at, decline_reason) values (?, ?, ?, ?, ?, ?, ?, ?)"
                + " on conflict (tenant, offer_id) do update set status = excluded.status, answered_at = excluded.answered_at,"
                + " decline_reason = excluded.decline_reason")) {
            ps.setString(1, s.tenant());
            ps.setString(2, o.offerId());
            ps.setString(3, referralId);
            ps.setString(4, o.providerId());
            ps.setString(5, o.status().taskCode());
            ps.setTimestamp(6, Timestamp.from(o.offeredAt()));
            ps.setTimestamp(7, o.answeredAt() == null ? null : Timestamp.from(o.answeredAt()));
            ps.setString(8, o.declineReason());
            ps.executeUpdate();
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        Timestamp answered = rs.getTimestamp(6);
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
                answered == null ? null : answered.toInstant(), rs.getString(7));
    }

    private static Offer.Status status(String code) {
        for (Offer.Status st : Offer.Status.values()) {
            if (st.taskCode().equals(code)) {
                return st;
            }
        }
        throw new IllegalStateException("unknown offer status in brokerage_offer: " + code);
    }
}
