package org.carebridge.gateway.outbox;

import jakarta.inject.Singleton;
import org.carebridge.gateway.store.StoreSession;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Appends outbox events inside the caller's store transaction, so an event exists exactly when the change it
 * announces committed. Feeds call it right after their FHIR writes on the same {@link StoreSession}.
 */
@Singleton
public class OutboxWriter {

    /** Returns the event's sequence number in its tenant. */
    public long append(StoreSession session, OutboxEvent e) throws SQLException {
        // Writers about the same person queue here, so sequence order is also commit order for that person and
        // the dispatcher can never see a person's later event before an earlier one.
        session.lockKey("outbox-person:" + e.person());
        try (PreparedStatement ps = session.connection().prepareStatement("insert into outbox_event (tenant, person,"
                + " kind, resource_type, resource_id, recipients, payload) values (?, ?, ?, ?, ?, ?, ?::jsonb) returning seq")) {
            ps.setString(1, session.tenant());
            ps.setString(2, e.person());
            ps.setString(3, e.kind());
            ps.setString(4, e.resourceType());
            ps.setString(5, e.resourceId());
            ps.setArray(6, session.connection().createArrayOf("text", e.recipients().toArray()));
            ps.setString(7, e.payloadJson());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
