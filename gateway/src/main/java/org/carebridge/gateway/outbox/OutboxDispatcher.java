package org.carebridge.gateway.outbox;

import ca.uhn.fhir.context.FhirContext;
import jakarta.inject.Singleton;
import org.carebridge.gateway.routes.DeadLetterReplayer;
import org.carebridge.gateway.routes.DeadLetterRepository;
import org.carebridge.gateway.store.ResourceStore;
import org.carebridge.gateway.store.StoreSession;
import org.carebridge.routes.core.ChannelConfig;
import org.carebridge.routes.core.ChannelHandler;
import org.carebridge.routes.core.ChannelKind;
import org.carebridge.routes.core.ChannelMessage;
import org.carebridge.routes.core.DeadLetter;
import org.carebridge.routes.core.RouteStatsRegistry;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The handler of outbound-notification channels: each tick of the tenant's route it fans new outbox events out
 * to matching Subscriptions and delivers what is due. All state is in PostgreSQL, so a restart resumes where
 * the last commit left off: at least once, in order per (subscription, person) — a failing delivery for one
 * person holds back that person's later events only — retried with exponential backoff, then dead-lettered.
 * Each delivery carries a deterministic {@code X-Delivery-Id} the receiver deduplicates on. An event addressed to
 * an endpoint ({@link OutboxEvent#toEndpoint}) gets one delivery row under {@link #ENDPOINT_DELIVERY} instead of
 * one per matching Subscription, and goes there with its own headers and payload.
 */
@Singleton
public class OutboxDispatcher implements ChannelHandler, DeadLetterReplayer {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
    public static final String DELIVERY_ID = "X-Delivery-Id";
    /**
     * The delivery rows of events addressed to an explicit endpoint carry this in place of a Subscription id (no
     * FHIR id can contain "$"), so they are ordered per person, retried and dead-lettered like any other.
     */
    public static final String ENDPOINT_DELIVERY = "$endpoint";
    /** Successive rounds in one tick, so a backlog drains without waiting a tick per event of a person. */
    private static final int MAX_ROUNDS = 20;

    private final ResourceStore store;
    private final DeliveryClient client;
    private final FhirContext fhir;
    private final RouteStatsRegistry stats;

    public OutboxDispatcher(ResourceStore store, DeliveryClient client, FhirContext fhir, RouteStatsRegistry stats) {
        this.store = store;
        this.client = client;
        this.fhir = fhir;
        this.stats = stats;
    }

    @Override
    public String name() {
        return ChannelKind.OUTBOUND_NOTIFICATION.id();
    }

    @Override
    public void handle(ChannelMessage m) {
        OutboxSettings settings = OutboxSettings.of(m.parameters());
        String tenant = m.tenant();
        String routeId = ChannelConfig.routeId(tenant, m.channelId());
        Map<String, Subscription> subscriptions = store.inTenant(tenant, this::activeSubscriptions);
        store.inTenant(tenant, s -> fanOut(s, subscriptions, settings.batch()));
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<Due> due = store.inTenant(tenant, s -> due(s, settings.batch()));
            int delivered = 0;
            for (Due d : due) {
                if (deliver(tenant, routeId, d, subscriptions.get(d.subscriptionId()), settings)) delivered++;
            }
            if (delivered == 0) break;
        }
    }

    /** The delivery id of an event for a subscription: the same on every attempt and after restarts. */
    public static UUID deliveryId(String tenant, String subscriptionId, long seq) {
        return UUID.nameUUIDFromBytes((tenant + "/" + subscriptionId + "/" + seq).getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, Subscription> activeSubscriptions(StoreSession s) throws SQLException {
        Map<String, Subscription> out = new LinkedHashMap<>();
        try (PreparedStatement ps = s.connection().prepareStatement("select res_id, content::text from fhir_resource"
                + " where tenant = ? and res_type = 'Subscription' and not deleted order by res_id")) {
            ps.setString(1, s.tenant());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Subscription sub = fhir.newJsonParser().parseResource(Subscription.class, rs.getString(2));
                    if (sub.getStatus() == Subscription.SubscriptionStatus.ACTIVE
                            && sub.getChannel().getType() == Subscription.SubscriptionChannelType.RESTHOOK) {
                        out.put(rs.getString(1), sub);
                    }
                }
            }
        }
        return out;
    }

    /** One delivery row per (matching subscription, new event); the event is then marked as fanned out. */
    private int fanOut(StoreSession s, Map<String, Subscription> subscriptions, int batch) throws SQLException {
        Connection c = s.connection();
        Map<String, SubscriptionCriteria> criteria = new LinkedHashMap<>();
        subscriptions.forEach((id, sub) -> {
            try {
                criteria.put(id, SubscriptionCriteria.parse(sub.getCriteria()));
            } catch (IllegalArgumentException e) {
                LOG.warn("subscription {} skipped: {}", id, e.getMessage());
            }
        });
        List<Long> done = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select seq, person, resource_type, recipients, endpoint from outbox_event"
                + " where tenant = ? and not fanned_out order by seq limit ? for update skip locked");
             PreparedStatement ins = c.prepareStatement("insert into delivery (tenant, subscription_id, event_seq, person,"
                     + " delivery_id) values (?, ?, ?, ?, ?) on conflict do nothing")) {
            ps.setString(1, s.tenant());
            ps.setInt(2, batch);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    if (rs.getString(5) != null) {
                        addDelivery(ins, s.tenant(), ENDPOINT_DELIVERY, seq, rs.getString(2));
                        done.add(seq);
                        continue;
                    }
                    List<String> recipients = Arrays.asList((String[]) rs.getArray(4).getArray());
                    for (var e : criteria.entrySet()) {
                        if (e.getValue().matches(rs.getString(3), recipients)) {
                            addDelivery(ins, s.tenant(), e.getKey(), seq, rs.getString(2));
                        }
                    }
                    done.add(seq);
                }
            }
            ins.executeBatch();
        }
        if (!done.isEmpty()) {
            try (PreparedStatement up = c.prepareStatement("update outbox_event set fanned_out = true where tenant = ? and seq = any(?)")) {
                up.setString(1, s.tenant());
                up.setArray(2, c.createArrayOf("bigint", done.toArray()));
                up.executeUpdate();
            }
        }
        return done.size();
    }

    private static void addDelivery(PreparedStatement ins, String tenant, String subscriptionId, long seq, String person)
            throws SQLException {
        ins.setString(1, tenant);
        ins.setString(2, subscriptionId);
        ins.setLong(3, seq);
        ins.setString(4, person);
        ins.setObject(5, deliveryId(tenant, subscriptionId, seq));
        ins.addBatch();
    }

    private record Due(String subscriptionId, long seq) {
    }

    /** Pending deliveries that are due and first in line for their (subscription, person). */
    private List<Due> due(StoreSession s, int batch) throws SQLException {
        List<Due> out = new ArrayList<>();
        try (PreparedStatement ps = s.connection().prepareStatement("select d.subscription_id, d.event_seq from delivery d"
                + " where d.tenant = ? and d.status = 'pending' and d.next_attempt_at <= now()"
                + " and not exists (select 1 from delivery p where p.tenant = d.tenant and p.subscription_id = d.subscription_id"
                + " and p.person = d.person and p.status = 'pending' and p.event_seq < d.event_seq)"
                + " order by d.event_seq limit ?")) {
            ps.setString(1, s.tenant());
            ps.setInt(2, batch);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Due(rs.getString(1), rs.getLong(2)));
            }
        }
        return out;
    }

    /**
     * One attempt, in one transaction holding the delivery row: a second gateway skips it, and a crash before
     * commit leaves it pending, to be sent again with the same delivery id.
     */
    private boolean deliver(String tenant, String routeId, Due d, Subscription sub, OutboxSettings settings) {
        return store.inTenant(tenant, s -> {
            Connection c = s.connection();
            String person, kind, type, resId, payload, endpoint, endpointHeaders;
            int attempts;
            UUID deliveryId;
            try (PreparedStatement ps = c.prepareStatement("select d.attempts, d.delivery_id, e.person, e.kind,"
                    + " e.resource_type, e.resource_id, e.payload::text, e.endpoint, e.endpoint_headers::text"
                    + " from delivery d join outbox_event e"
                    + " on e.tenant = d.tenant and e.seq = d.event_seq where d.tenant = ? and d.subscription_id = ?"
                    + " and d.event_seq = ? and d.status = 'pending' for update of d skip locked")) {
                ps.setString(1, tenant);
                ps.setString(2, d.subscriptionId());
                ps.setLong(3, d.seq());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return false;
                    attempts = rs.getInt(1);
                    deliveryId = (UUID) rs.getObject(2);
                    person = rs.getString(3);
                    kind = rs.getString(4);
                    type = rs.getString(5);
                    resId = rs.getString(6);
                    payload = rs.getString(7);
                    endpoint = rs.getString(8);
                    endpointHeaders = rs.getString(9);
                }
            }
            boolean direct = ENDPOINT_DELIVERY.equals(d.subscriptionId());
            if (direct && endpoint == null || !direct && sub == null) {
                update(c, tenant, d, "dead", attempts, null, direct ? "event has no endpoint" : "subscription no longer active");
                return false;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            if (direct) {
                headers.putAll(OutboxWriter.headers(endpointHeaders));
            } else {
                for (StringType h : sub.getChannel().getHeader()) {
                    int colon = h.getValue().indexOf(':');
                    headers.put(h.getValue().substring(0, colon).trim(), h.getValue().substring(colon + 1).trim());
                }
            }
            headers.put(DELIVERY_ID, deliveryId.toString());
            headers.put("X-CareBridge-Event", kind);
            headers.put("X-CareBridge-Focus", type + "/" + resId);
            headers.put("X-CareBridge-Sequence", Long.toString(d.seq()));
            boolean withPayload = payload != null && (direct || sub.getChannel().hasPayload());
            byte[] body = withPayload ? payload.getBytes(StandardCharsets.UTF_8) : new byte[0];
            DeliveryClient.Outcome o = client.post(direct ? endpoint : sub.getChannel().getEndpoint(), headers,
                    withPayload ? "application/fhir+json" : null, body, settings.timeout());
            int now = attempts + 1;
            if (o.delivered()) {
                update(c, tenant, d, "delivered", now, null, null);
                stats.of(routeId).succeeded();
                return true;
            }
            stats.of(routeId).errored(new DeliveryFailed(o.error()));
            if (now >= settings.maxAttempts()) {
                update(c, tenant, d, "dead", now, null, o.error());
                Map<String, String> letterHeaders = new LinkedHashMap<>(headers);
                letterHeaders.keySet().retainAll(List.of(DELIVERY_ID, "X-CareBridge-Event", "X-CareBridge-Focus", "X-CareBridge-Sequence"));
                letterHeaders.put("subscription", d.subscriptionId());
                letterHeaders.put("person", person);
                String partner = direct ? "endpoint " + java.net.URI.create(endpoint).getHost() : "Subscription/" + d.subscriptionId();
                long id = DeadLetterRepository.insert(c, new DeadLetter(tenant, routeId, ChannelKind.OUTBOUND_NOTIFICATION,
                        partner, "DeliveryFailed", "gave up after " + now + " attempts: " + o.error(), body, letterHeaders));
                stats.of(routeId).deadLettered();
                LOG.warn("delivery {} dead-lettered as {} after {} attempts ({})", deliveryId, id, now, o.error());
            } else {
                update(c, tenant, d, "pending", now, Instant.now().plus(settings.delayAfter(now)), o.error());
            }
            return false;
        });
    }

    private static void update(Connection c, String tenant, Due d, String status, int attempts, Instant next, String error)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update delivery set status = ?, attempts = ?,"
                + " next_attempt_at = coalesce(?, next_attempt_at), last_error = ?,"
                + " delivered_at = case when ? = 'delivered' then now() else null end"
                + " where tenant = ? and subscription_id = ? and event_seq = ?")) {
            ps.setString(1, status);
            ps.setInt(2, attempts);
            ps.setTimestamp(3, next == null ? null : Timestamp.from(next));
            ps.setString(4, error);
            ps.setString(5, status);
            ps.setString(6, tenant);
            ps.setString(7, d.subscriptionId());
            ps.setLong(8, d.seq());
            ps.executeUpdate();
        }
    }

    // ---- dead letters of deliveries: a replay puts the delivery back in line ------------------------------

    @Override
    public boolean handles(ChannelKind kind) {
        return kind == ChannelKind.OUTBOUND_NOTIFICATION;
    }

    @Override
    public void replay(Connection c, DeadLetterRepository.Row letter) throws SQLException {
        String sub = letter.headers().get("subscription");
        String seq = letter.headers().get("X-CareBridge-Sequence");
        if (sub == null || seq == null) throw new IllegalStateException("dead letter " + letter.id() + " names no delivery");
        try (PreparedStatement ps = c.prepareStatement("update delivery set status = 'pending', attempts = 0,"
                + " next_attempt_at = now(), last_error = null where tenant = ? and subscription_id = ? and event_seq = ?")) {
            ps.setString(1, letter.tenant());
            ps.setString(2, sub);
            ps.setLong(3, Long.parseLong(seq));
            ps.executeUpdate();
        }
    }

    /** A delivery attempt that failed, for route statistics (never thrown). */
    static final class DeliveryFailed extends Exception {
        DeliveryFailed(String reason) {
            super(reason, null, false, false);
        }
    }
}
