package org.carebridge.gateway.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import org.carebridge.gateway.store.StoreSession;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Appends outbox events inside the caller's store transaction, so an event exists exactly when the change it
 * announces committed. Feeds call it right after their FHIR writes on the same {@link StoreSession}.
 */
@Singleton
public class OutboxWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String INSERT = "insert into outbox_event (tenant, person, kind, resource_type, resource_id,"
            + " recipients, payload, endpoint, endpoint_headers) values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb)";

    /** Returns the event's sequence number in its tenant. */
    public long append(StoreSession session, OutboxEvent e) throws SQLException {
        // Writers about the same person queue here, so sequence order is also commit order for that person and
        // the dispatcher can never see a person's later event before an earlier one.
        session.lockKey(personKey(e));
        try (PreparedStatement ps = session.connection().prepareStatement(INSERT + " returning seq")) {
            bind(session, ps, e);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Appends several events (a feed's group) in two round trips: their people's locks, taken in a fixed order so
     * two such writers never deadlock, then one insert batch; sequence order is list order.
     */
    public void appendAll(StoreSession session, List<OutboxEvent> events) throws SQLException {
        if (events.isEmpty()) return;
        TreeSet<String> keys = new TreeSet<>();
        for (OutboxEvent e : events) keys.add(personKey(e));
        session.lockKeys(List.copyOf(keys));
        try (PreparedStatement ps = session.connection().prepareStatement(INSERT)) {
            for (OutboxEvent e : events) {
                bind(session, ps, e);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static String personKey(OutboxEvent e) {
        return "outbox-person:" + e.person();
    }

    private static void bind(StoreSession session, PreparedStatement ps, OutboxEvent e) throws SQLException {
        ps.setString(1, session.tenant());
        ps.setString(2, e.person());
        ps.setString(3, e.kind());
        ps.setString(4, e.resourceType());
        ps.setString(5, e.resourceId());
        ps.setArray(6, session.connection().createArrayOf("text", e.recipients().toArray()));
        ps.setString(7, e.payloadJson());
        ps.setString(8, e.endpoint() == null ? null : e.endpoint().url());
        ps.setString(9, e.endpoint() == null ? null : headersJson(e.endpoint().headers()));
    }

    static String headersJson(Map<String, String> headers) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(headers));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("outbox endpoint headers", e);
        }
    }

    static Map<String, String> headers(String json) {
        if (json == null) return Map.of();
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox endpoint headers unreadable", e);
        }
    }
}
