package org.carebridge.gateway.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import org.carebridge.gateway.store.ResourceStore;
import org.carebridge.routes.core.DeadLetter;
import org.carebridge.routes.core.DeadLetterSink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Dead letters in PostgreSQL (table {@code dead_letter}, one tenant per row, row-level security). */
@Singleton
public class DeadLetterRepository implements DeadLetterSink {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, tenant, route_id, channel_kind, partner, received_at, error_class,"
            + " error_message, headers::text, status, attempts, last_attempt_at, resolved_at, resolved_by";

    private final ResourceStore store;

    /** One stored dead letter; {@code payload} is only loaded when asked for. */
    public record Row(long id, String tenant, String routeId, String kind, String partner, Instant receivedAt,
                      String errorClass, String errorMessage, Map<String, String> headers, String status, int attempts,
                      Instant lastAttemptAt, Instant resolvedAt, String resolvedBy, byte[] payload) {
    }

    /** Filters of the list; null means any. {@code text} matches error, route, partner or file name. */
    public record Query(String tenant, String status, String routeId, String text, int limit, int offset) {
    }

    public DeadLetterRepository(ResourceStore store) {
        this.store = store;
    }

    @Override
    public long store(DeadLetter letter) {
        return store.inTenant(letter.tenant(), s -> insert(s.connection(), letter));
    }

    /** Inserts in the caller's transaction (the outbox dead-letters a delivery together with its status change). */
    public static long insert(Connection c, DeadLetter d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into dead_letter (tenant, route_id, channel_kind, partner,"
                + " error_class, error_message, payload, headers) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb) returning id")) {
            ps.setString(1, d.tenant());
            ps.setString(2, d.routeId());
            ps.setString(3, d.kind().id());
            ps.setString(4, d.partner());
            ps.setString(5, d.errorClass());
            ps.setString(6, d.errorMessage());
            ps.setBytes(7, d.payload());
            ps.setString(8, json(d.headers()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public List<Row> list(Query q) {
        return store.inTenant(q.tenant(), s -> {
            StringBuilder sql = new StringBuilder("select " + COLUMNS + ", null from dead_letter where tenant = ?");
            List<Object> args = new ArrayList<>(List.of(q.tenant()));
            if (q.status() != null) {
                sql.append(" and status = ?");
                args.add(q.status());
            }
            if (q.routeId() != null) {
                sql.append(" and route_id = ?");
                args.add(q.routeId());
            }
            if (q.text() != null && !q.text().isBlank()) {
                sql.append(" and (error_message ilike ? or error_class ilike ? or route_id ilike ? or partner ilike ?"
                        + " or headers->>'CamelFileName' ilike ?)");
                String like = "%" + q.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
                for (int i = 0; i < 5; i++) args.add(like);
            }
            sql.append(" order by received_at desc, id desc limit ? offset ?");
            args.add(q.limit());
            args.add(q.offset());
            try (PreparedStatement ps = s.connection().prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
                return rows(ps);
            }
        });
    }

    public Optional<Row> find(String tenant, long id) {
        return store.inTenant(tenant, s -> find(s.connection(), tenant, id, false));
    }

    /** The row with its payload; {@code lock} holds it until the transaction ends (one replay at a time). */
    public static Optional<Row> find(Connection c, String tenant, long id, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + ", payload from dead_letter"
                + " where tenant = ? and id = ?" + (lock ? " for update" : ""))) {
            ps.setString(1, tenant);
            ps.setLong(2, id);
            List<Row> rows = rows(ps);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
        }
    }

    /** Closes a dead letter (replayed or discarded), recording who did it. */
    public static void resolve(Connection c, String tenant, long id, String status, String by) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update dead_letter set status = ?, resolved_at = now(),"
                + " resolved_by = ?, attempts = attempts + case when ? = 'replayed' then 1 else 0 end,"
                + " last_attempt_at = case when ? = 'replayed' then now() else last_attempt_at end"
                + " where tenant = ? and id = ?")) {
            ps.setString(1, status);
            ps.setString(2, by);
            ps.setString(3, status);
            ps.setString(4, status);
            ps.setString(5, tenant);
            ps.setLong(6, id);
            ps.executeUpdate();
        }
    }

    /** A replay that failed again: the letter stays open with the new error. */
    public static void failedAgain(Connection c, String tenant, long id, String errorClass, String message) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update dead_letter set attempts = attempts + 1,"
                + " last_attempt_at = now(), error_class = ?, error_message = ? where tenant = ? and id = ?")) {
            ps.setString(1, errorClass);
            ps.setString(2, message);
            ps.setString(3, tenant);
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    private static List<Row> rows(PreparedStatement ps) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        instant(rs.getTimestamp(6)), rs.getString(7), rs.getString(8), headers(rs.getString(9)),
                        rs.getString(10), rs.getInt(11), instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)),
                        rs.getString(14), rs.getBytes(15)));
            }
        }
        return out;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String json(Map<String, String> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> headers(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
