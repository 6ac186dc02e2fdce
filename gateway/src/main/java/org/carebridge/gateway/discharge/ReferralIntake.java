package org.carebridge.gateway.discharge;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.LenientErrorHandler;
import jakarta.inject.Singleton;
import org.carebridge.gateway.fhir.ResourceRepository;
import org.carebridge.gateway.store.StoreSession;
import org.carebridge.mappings.discharge.InboundMessage;
import org.carebridge.mappings.discharge.ReferralOrders;
import org.carebridge.mappings.discharge.bars.BarsError;
import org.carebridge.mappings.discharge.bars.BarsHeaders;
import org.carebridge.mappings.discharge.bars.BarsIssue;
import org.carebridge.mappings.discharge.bars.BarsMessageValidator;
import org.carebridge.mappings.discharge.bars.BarsOutcomes;
import org.carebridge.mappings.discharge.bars.BarsReceiver;
import org.carebridge.mappings.discharge.bars.BarsResponseBuilder;
import org.carebridge.mappings.discharge.bars.MessageReplay;
import org.carebridge.mappings.discharge.bars.ReferralMessage;
import org.carebridge.mappings.discharge.notice.CareActNotice;
import org.carebridge.mappings.discharge.notice.NoticeAnswerBuilder;
import org.carebridge.profiles.Canonical;
import org.carebridge.rules.referrals.ReferralClocks;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The work of {@code $process-message}: replay check on X-Request-Id, then the message's verdict
 * ({@link InboundMessage}) and its effects — person matched by NHS number or created, the council's order
 * (ServiceRequest) linked to the person's active plans and placed orders, a brokerage Task, the response clock —
 * all in one transaction with the stored outcome, so a retry returns the first outcome and creates nothing.
 */
@Singleton
public class ReferralIntake {
    private static final Logger LOG = LoggerFactory.getLogger(ReferralIntake.class);

    /** What to answer: HTTP status and body (the response message, or an OperationOutcome). */
    public record Outcome(int status, Resource body) {}

    private final FhirContext ctx;
    private final ResourceRepository repository;
    private final FhirLookups lookups;
    private final BrokerageService brokerage;
    private final ReferralClockStore clocks;
    private final DischargeNotifications notifications;
    private final DischargeClock clock;
    private final DischargeConfig config;

    public ReferralIntake(FhirContext ctx, FhirLookups lookups, BrokerageService brokerage, ReferralClockStore clocks,
                          DischargeNotifications notifications, DischargeClock clock, DischargeConfig config) {
        this.ctx = ctx;
        this.lookups = lookups;
        this.repository = lookups.repository();
        this.brokerage = brokerage;
        this.clocks = clocks;
        this.notifications = notifications;
        this.clock = clock;
        this.config = config;
    }

    public Outcome process(String tenant, String requestId, String correlationId, String body) {
        if (isBlank(requestId) || isBlank(correlationId)) {
            return rejected(List.of(BarsIssue.required(isBlank(requestId) ? "X-Request-Id" : "X-Correlation-Id",
                    "the " + (isBlank(requestId) ? "X-Request-Id" : "X-Correlation-Id")
                            + " header is required: it identifies this delivery (retries repeat it) and the conversation")));
        }
        if (requestId.length() > 200 || correlationId.length() > 200) {
            return rejected(List.of(BarsIssue.invalid("X-Request-Id", "X-Request-Id and X-Correlation-Id are at most 200 characters")));
        }
        String digest = MessageReplay.digest(body);
        return repository.store().inTenant(tenant, s -> {
            s.lockKey("bars-request|" + requestId);
            MessageReplay.Decision decision = MessageReplay.decide(stored(s, requestId), digest);
            if (decision instanceof MessageReplay.Decision.Replay r) {
                LOG.info("tenant={} requestId={} replayed: first outcome {}", tenant, requestId, r.first().httpStatus());
                return new Outcome(r.first().httpStatus(), (Resource) ctx.newJsonParser().parseResource(r.first().responseBody()));
            }
            if (decision instanceof MessageReplay.Decision.Conflict c) {
                return rejected(List.of(c.issue()));
            }
            Outcome out = handle(s, tenant, new BarsHeaders(requestId, correlationId), body);
            if (out.status() < 500) {
                remember(s, requestId, digest, out);
            }
            LOG.info("tenant={} requestId={} processed: {}", tenant, requestId, out.status());
            return out;
        });
    }

    private Outcome handle(StoreSession s, String tenant, BarsHeaders headers, String body) throws SQLException {
        Bundle bundle;
        try {
            if (!body.stripLeading().startsWith("{")) {
                return rejected(List.of(BarsIssue.structure("Bundle", "the body must be a FHIR Bundle in JSON")));
            }
            // Lenient: several real BaRS examples carry elements the strict parser refuses; the BaRS checks that
            // follow decide, and name the field, rather than a generic parse error.
            IBaseResource parsed = ctx.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false)).parseResource(body);
            if (!(parsed instanceof Bundle b)) {
                return rejected(List.of(BarsIssue.structure("Bundle", "the body must be a FHIR Bundle, was " + parsed.fhirType())));
            }
            bundle = b;
        } catch (DataFormatException e) {
            return rejected(List.of(BarsIssue.structure("Bundle", "the body is not valid FHIR JSON")));
        }
        BarsReceiver receiver = config.receiver(tenant);
        InboundMessage verdict = InboundMessage.classify(bundle, headers, new BarsMessageValidator(receiver));
        if (verdict instanceof InboundMessage.Rejected r) {
            return rejected(r.issues());
        }
        if (verdict instanceof InboundMessage.Notice n) {
            return notice(s, receiver, headers, n.notice());
        }
        ReferralMessage m = ((InboundMessage.Referral) verdict).message();
        return switch (m.action()) {
            case CREATE -> create(s, receiver, bundle, m);
            case UPDATE -> update(s, receiver, bundle, m);
            case CANCEL -> cancel(s, receiver, bundle, m);
            case RESPONSE -> response(s, receiver, m);
        };
    }

    // ---- referral actions ---------------------------------------------------------------------------------------

    private Outcome create(StoreSession s, BarsReceiver receiver, Bundle bundle, ReferralMessage m) throws SQLException {
        String referralId = referralId(m);
        if (lookups.referral(s, referralId).isPresent()) {
            return rejected(List.of(BarsIssue.duplicate("this referral was already received; send reason 'update' to change it")));
        }
        Instant now = clock.now();
        ServiceRequest sent = (ServiceRequest) resolve(bundle, m.serviceRequestRef()).orElseThrow();
        Patient person = matchOrCreate(s, bundle, sent, m.nhsNumber());
        String patientId = person.getIdElement().getIdPart();
        ServiceRequest order = ReferralOrders.fromReferral(sent, referralId, "Patient/" + patientId);
        order.getBasedOn().clear();
        for (CarePlan plan : lookups.activePlans(s, patientId)) {
            order.addBasedOn(new Reference(FhirLookups.ref(plan)));
        }
        for (ServiceRequest existing : lookups.placedOrders(s, patientId)) {
            order.addBasedOn(new Reference(FhirLookups.ref(existing)));
        }
        order.getSupportingInfo().clear();
        order.getReasonReference().clear();
        order.setEncounter(null);
        order.setRequester(null);
        order.getLocationReference().clear();
        if (m.discharge() && !BrokerageService.isDischarge(order)) {
            order.addCategory().setText("hospital discharge");
        }
        order.setAuthoredOn(java.util.Date.from(now));
        ServiceRequest stored = (ServiceRequest) repository.create(s, order, null).getResource();
        brokerage.open(s, stored, now);
        clocks.start(s, FhirLookups.ref(stored), stored.getIdElement().getIdPart(),
                new ReferralClocks.Request(now, m.requestedStart(), m.priority(), m.discharge()));
        return answered(s, receiver, m, stored, person, now);
    }

    private Outcome update(StoreSession s, BarsReceiver receiver, Bundle bundle, ReferralMessage m) throws SQLException {
        Optional<ServiceRequest> existing = lookups.referral(s, referralId(m));
        if (existing.isEmpty()) {
            return notFound();
        }
        ServiceRequest current = existing.get();
        ServiceRequest sent = (ServiceRequest) resolve(bundle, m.serviceRequestRef()).orElseThrow();
        ServiceRequest next = ReferralOrders.fromReferral(sent, referralId(m), current.getSubject().getReference());
        // The council's side of the order stays: its status, provider, links and identifiers.
        next.setId(current.getIdElement().toUnqualifiedVersionless());
        next.setStatus(current.getStatus());
        next.setPerformer(current.getPerformer());
        next.setBasedOn(current.getBasedOn());
        next.setIdentifier(current.getIdentifier());
        next.setCategory(current.getCategory());
        next.setAuthoredOn(current.getAuthoredOn());
        next.getSupportingInfo().clear();
        next.getReasonReference().clear();
        next.setEncounter(null);
        next.setRequester(null);
        next.getLocationReference().clear();
        ServiceRequest stored = (ServiceRequest) repository.update(s, FhirLookups.id(current), next, null).getResource();
        Instant now = clock.now();
        notifications.notify(s, DischargeNotifications.REFERRAL_UPDATED, DischargeNotifications.person(stored.getSubject().getReference()),
                FhirLookups.ref(stored), null, config.brokerageRef(s.tenant()));
        return answered(s, receiver, m, stored, patientOf(s, stored), now);
    }

    private Outcome cancel(StoreSession s, BarsReceiver receiver, Bundle bundle, ReferralMessage m) throws SQLException {
        Optional<ServiceRequest> existing = lookups.referral(s, referralId(m));
        if (existing.isEmpty()) {
            return notFound();
        }
        Instant now = clock.now();
        ServiceRequest current = existing.get();
        ServiceRequest stored = current;
        if (current.getStatus() != ServiceRequest.ServiceRequestStatus.REVOKED) {
            ServiceRequest revoked = ReferralOrders.revoked(current);
            stored = (ServiceRequest) repository.update(s, FhirLookups.id(current), revoked, null).getResource();
            brokerage.cancel(s, stored, now);
            notifications.notify(s, DischargeNotifications.REFERRAL_CANCELLED, DischargeNotifications.person(stored.getSubject().getReference()),
                    FhirLookups.ref(stored), null, config.brokerageRef(s.tenant()));
        }
        return answered(s, receiver, m, stored, patientOf(s, stored), now);
    }

    private Outcome response(StoreSession s, BarsReceiver receiver, ReferralMessage m) throws SQLException {
        // About a message, not a stored person: ordered by the message it answers.
        notifications.notify(s, DischargeNotifications.BARS_RESPONSE_RECEIVED, m.response().identifier(),
                "Bundle/" + m.response().identifier(), null, config.brokerageRef(s.tenant()));
        Bundle reply = new BarsResponseBuilder(receiver, UUID::randomUUID).build(m.bundleId(), m.sourceEndpoint(), m.senderOds(),
                m.reason(), null, List.of(), clock.now());
        return new Outcome(200, reply);
    }

    /** A Care Act notice: accepted or rejected on its minimum content; the answer goes back to the hospital. */
    private Outcome notice(StoreSession s, BarsReceiver receiver, BarsHeaders headers, CareActNotice notice) throws SQLException {
        Bundle answer = new NoticeAnswerBuilder(receiver.odsCode(), receiver.primaryEndpoint(), UUID::randomUUID)
                .answer(notice, clock.now());
        notifications.reply(s, DischargeNotifications.CARE_ACT_ANSWER, notice.noticeId(), "Bundle",
                answer.getIdElement().getIdPart(), notice.sourceEndpoint(), replyHeaders(headers.correlationId()),
                ctx.newJsonParser().encodeResourceToString(answer));
        return new Outcome(200, answer);
    }

    /** The synchronous response message, and the same message queued when source.endpoint asks for one. */
    private Outcome answered(StoreSession s, BarsReceiver receiver, ReferralMessage m, ServiceRequest order, Patient person,
                             Instant now) throws SQLException {
        String srUrl = "urn:uuid:" + UUID.randomUUID();
        String patientUrl = "urn:uuid:" + UUID.randomUUID();
        ServiceRequest focus = order.copy();
        focus.setId(order.getIdElement().getIdPart());
        focus.setSubject(new Reference(patientUrl));
        focus.getBasedOn().clear();
        focus.getPerformer().clear();
        Patient p = person == null ? new Patient() : person.copy();
        p.setId(person == null ? null : person.getIdElement().getIdPart());
        Bundle reply = new BarsResponseBuilder(receiver, UUID::randomUUID).build(m.bundleId(), m.sourceEndpoint(), m.senderOds(),
                m.reason(), new BarsResponseBuilder.Focus(srUrl, focus, patientUrl, p), List.of(), now);
        if (m.wantsAsyncResponse()) {
            notifications.reply(s, DischargeNotifications.BARS_RESPONSE, DischargeNotifications.person(order.getSubject().getReference()),
                    "Bundle", reply.getIdElement().getIdPart(), m.sourceEndpoint(), replyHeaders(m.correlationId()),
                    ctx.newJsonParser().encodeResourceToString(reply));
        }
        return new Outcome(200, reply);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /**
     * The BaRS headers of an asynchronous reply: a new X-Request-Id, fixed when queued so every retry repeats it
     * (the hospital replays on it), and the conversation's X-Correlation-Id.
     */
    private static Map<String, String> replyHeaders(String correlationId) {
        Map<String, String> h = new java.util.LinkedHashMap<>();
        h.put("X-Request-Id", UUID.randomUUID().toString());
        if (correlationId != null) h.put("X-Correlation-Id", correlationId);
        return h;
    }

    /** The person by NHS number, else a new Patient from the message (its NHS number included). */
    private Patient matchOrCreate(StoreSession s, Bundle bundle, ServiceRequest sent, String nhs) throws SQLException {
        s.lockKey("patient-nhs|" + nhs);
        Optional<Patient> found = lookups.patientByNhsNumber(s, nhs);
        if (found.isPresent()) {
            return found.get();
        }
        Patient sentPatient = (Patient) resolve(bundle, sent.getSubject().getReference()).orElseThrow();
        Patient p = sentPatient.copy();
        p.setId((String) null);
        p.getGeneralPractitioner().clear();
        p.getManagingOrganization().setReference(null);
        p.getLink().clear();
        if (p.getIdentifier().stream().noneMatch(i -> Canonical.NHS_NUMBER.equals(i.getSystem()))) {
            p.addIdentifier(new Identifier().setSystem(Canonical.NHS_NUMBER).setValue(nhs));
        }
        return (Patient) repository.create(s, p, null).getResource();
    }

    private Patient patientOf(StoreSession s, ServiceRequest sr) throws SQLException {
        String ref = sr.getSubject().getReference();
        return ref == null ? null : lookups.read(s, Patient.class, ref.substring(ref.indexOf('/') + 1)).orElse(null);
    }

    /**
     * The referral's identity across create, update and cancel: the sender's ODS code and its first ServiceRequest
     * identifier, or the ServiceRequest's fullUrl id when it has none (BaRS keeps a referral's fullUrl).
     */
    static String referralId(ReferralMessage m) {
        String local;
        if (!m.serviceRequestIdentifiers().isEmpty()) {
            String first = m.serviceRequestIdentifiers().get(0);
            local = first.substring(first.indexOf('|') + 1);
        } else {
            String ref = m.serviceRequestRef();
            local = ref.substring(Math.max(ref.lastIndexOf(':'), ref.lastIndexOf('/')) + 1);
        }
        return m.senderOds() + "/" + local;
    }

    private static Optional<Resource> resolve(Bundle bundle, String ref) {
        if (ref == null) {
            return Optional.empty();
        }
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            Resource r = e.getResource();
            if (r == null) continue;
            if (ref.equals(e.getFullUrl()) || (r.getIdElement().hasIdPart()
                    && ref.equals(r.fhirType() + "/" + r.getIdElement().getIdPart()))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private Optional<MessageReplay.StoredOutcome> stored(StoreSession s, String requestId) throws SQLException {
        try (PreparedStatement ps = s.connection().prepareStatement("select body_sha256, http_status, response_body from"
                + " bars_message where tenant = ? and request_id = ?")) {
            ps.setString(1, s.tenant());
            ps.setString(2, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new MessageReplay.StoredOutcome(rs.getString(1), rs.getInt(2), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    private void remember(StoreSession s, String requestId, String digest, Outcome out) throws SQLException {
        try (PreparedStatement ps = s.connection().prepareStatement("insert into bars_message (tenant, request_id,"
                + " body_sha256, http_status, response_body, received_at) values (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, s.tenant());
            ps.setString(2, requestId);
            ps.setString(3, digest);
            ps.setInt(4, out.status());
            ps.setString(5, ctx.newJsonParser().encodeResourceToString(out.body()));
            ps.setTimestamp(6, Timestamp.from(clock.now()));
            ps.executeUpdate();
        }
    }

    private static Outcome notFound() {
        return rejected(List.of(new BarsIssue(OperationOutcome.IssueType.NOTFOUND, BarsError.REC_NOT_FOUND,
                "ServiceRequest", "no referral with this identity was received; send reason 'new' first")));
    }

    private static Outcome rejected(List<BarsIssue> issues) {
        return new Outcome(BarsOutcomes.httpStatus(issues), BarsOutcomes.toOperationOutcome(issues, UUID.randomUUID()));
    }

    private static boolean isBlank(String v) {
        return v == null || v.isBlank();
    }
}
