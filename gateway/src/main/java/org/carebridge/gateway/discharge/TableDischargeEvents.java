package org.carebridge.gateway.discharge;

import jakarta.inject.Singleton;
import org.carebridge.gateway.store.ResourceStore;
import org.carebridge.gateway.store.StoreSession;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Default {@link DischargeEvents}: one row per notification in discharge_event, same transaction. */
@Singleton
public class TableDischargeEvents implements DischargeEvents {
    private final ResourceStore store;
    private final DischargeClock clock;

    public TableDischargeEvents(ResourceStore store, DischargeClock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void emit(StoreSession s, DischargeEvent e) throws SQLException {
        try (PreparedStatement ps = s.connection().prepareStatement("insert into discharge_event (id, tenant, kind,"
                + " recipient, subject_ref, payload, created_at) values (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, UUID.randomUUID().toString());
            ps.setString(2, s.tenant());
            ps.setString(3, e.kind());
            ps.setString(4, e.recipient());
            ps.setString(5, e.subjectRef());
            ps.setString(6, e.payload());
            ps.setTimestamp(7, Timestamp.from(clock.now()));
            ps.executeUpdate();
        }
    }

    /** The notifications about one subject, oldest first (operations and tests). */
    public List<DischargeEvent> about(String tenant, String subjectRef) {
        return store.inTenant(tenant, s -> {
            List<DischargeEvent> out = new ArrayList<>();
            try (PreparedStatement ps = s.connection().prepareStatement("select kind, recipient, subject_ref, payload"
                    + " from discharge_event where tenant = ? and subject_ref = ? order by created_at, id")) {
                ps.setString(1, tenant);
                ps.setString(2, subjectRef);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DischargeEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
            }
            return out;
        });
    }
}
