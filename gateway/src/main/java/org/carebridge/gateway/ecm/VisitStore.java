package org.carebridge.gateway.ecm;

import org.carebridge.gateway.store.StoreSession;
import org.carebridge.mappings.ecm.VisitEventJson;
import org.carebridge.rules.visits.PlannedVisit;
import org.carebridge.rules.visits.VisitEvent;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SQL of the ECM tables (V40). Set-based: each call is one statement over arrays (unnest / any), so a batch
 * of thousands of events costs a handful of round trips.
 */
final class VisitStore {
    private static final String VISIT_COLUMNS = "visit_id, provider_id, order_number, client_id, planned_start,"
            + " planned_end, time_critical, workers_required, cancelled, appointment_id, encounter_id, order_res_id,"
            + " patient_res_id, provider_res_id, status, refused";

    private VisitStore() {}

    /** Stored state of one event id: its content as first received and the visit it was placed on (or null). */
    record StoredEvent(String content, String visitId) {}

    /** Appends events; returns the ids that were new (a repeat changes nothing). */
    static Set<String> insertEvents(StoreSession s, String provider, List<VisitEvent> events, List<String> contents)
            throws SQLException {
        Connection c = s.connection();
        int n = events.size();
        String[] ids = new String[n], clients = new String[n], kinds = new String[n];
        Timestamp[] times = new Timestamp[n];
        for (int i = 0; i < n; i++) {
            VisitEvent e = events.get(i);
            ids[i] = e.eventId();
            clients[i] = e.clientId();
            kinds[i] = e.kind().code();
            times[i] = Timestamp.from(e.time());
        }
        Set<String> fresh = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("insert into ecm_event (tenant, provider_id, event_id, client_id,"
                + " kind, event_time, content) select ?, ?, u.* from unnest(?::text[], ?::text[], ?::text[],"
                + " ?::timestamptz[], ?::text[]) u on conflict do nothing returning event_id")) {
            ps.setString(1, s.tenant());
            ps.setString(2, provider);
            ps.setArray(3, c.createArrayOf("text", ids));
            ps.setArray(4, c.createArrayOf("text", clients));
            ps.setArray(5, c.createArrayOf("text", kinds));
            ps.setArray(6, c.createArrayOf("timestamptz", times));
            ps.setArray(7, c.createArrayOf("text", contents.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) fresh.add(rs.getString(1));
            }
        }
        return fresh;
    }

    static Map<String, StoredEvent> storedEvents(StoreSession s, String provider, Collection<String> eventIds) throws SQLException {
        Map<String, StoredEvent> out = new HashMap<>();
        if (eventIds.isEmpty()) return out;
        Connection c = s.connection();
        try (PreparedStatement ps = c.prepareStatement("select e.event_id, e.content, ve.visit_id from ecm_event e"
                + " left join ecm_visit_event ve on ve.tenant = e.tenant and ve.provider_id = e.provider_id"
                + " and ve.event_id = e.event_id where e.tenant = ? and e.provider_id = ? and e.event_id = any(?)")) {
            ps.setString(1, s.tenant());
            ps.setString(2, provider);
            ps.setArray(3, c.createArrayOf("text", eventIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), new StoredEvent(rs.getString(2), rs.getString(3)));
            }
        }
        return out;
    }

    /** The provider's planned visits for these clients that start within [from, to]. */
    static List<VisitRow> visitsForClients(StoreSession s, String provider, Collection<String> clients, Instant from,
                                           Instant to) throws SQLException {
        if (clients.isEmpty()) return List.of();
        Connection c = s.connection();
        try (PreparedStatement ps = c.prepareStatement("select " + VISIT_COLUMNS + " from ecm_visit where tenant = ?"
                + " and provider_id = ? and client_id = any(?) and planned_start >= ? and planned_start <= ?")) {
            ps.setString(1, s.tenant());
            ps.setString(2, provider);
            ps.setArray(3, c.createArrayOf("text", clients.toArray()));
            ps.setTimestamp(4, Timestamp.from(from));
            ps.setTimestamp(5, Timestamp.from(to));
            return visits(s.tenant(), ps);
        }
    }

    static List<VisitRow> visitsById(StoreSession s, Collection<String> visitIds, boolean lock) throws SQLException {
        if (visitIds.isEmpty()) return List.of();
        Connection c = s.connection();
        try (PreparedStatement ps = c.prepareStatement("select " + VISIT_COLUMNS + " from ecm_visit where tenant = ?"
                + " and visit_id = any(?) order by visit_id" + (lock ? " for update" : ""))) {
            ps.setString(1, s.tenant());
            ps.setArray(2, c.createArrayOf("text", visitIds.toArray()));
            return visits(s.tenant(), ps);
        }
    }

    /** Open visits past their missed threshold, oldest first; rows locked by another node are skipped. */
    static List<VisitRow> dueVisits(StoreSession s, Instant now, int limit) throws SQLException {
        try (PreparedStatement ps = s.connection().prepareStatement("select " + VISIT_COLUMNS + " from ecm_visit v"
                + " where tenant = ? and due and missed_at <= ?" // due: status = 'booked' and not cancelled (V46)
                + " and not exists (select 1 from ecm_alert a where a.tenant = v.tenant and a.visit_id = v.visit_id"
                + " and a.reason = 'missed-visit') order by missed_at limit ? for update skip locked")) {
            ps.setString(1, s.tenant());
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setInt(3, limit);
            return visits(s.tenant(), ps);
        }
    }

    private static List<VisitRow> visits(String tenant, PreparedStatement ps) throws SQLException {
        List<VisitRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                PlannedVisit v = new PlannedVisit(tenant, rs.getString(1), rs.getString(3), rs.getString(4),
                        rs.getString(2), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(),
                        rs.getBoolean(7), rs.getInt(8), rs.getBoolean(9));
                out.add(new VisitRow(v, rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13),
                        rs.getString(14), rs.getString(15), rs.getBoolean(16)));
            }
        }
        return out;
    }

    static void placeEvents(StoreSession s, String provider, List<String> eventIds, List<String> visitIds) throws SQLException {
        if (eventIds.isEmpty()) return;
        Connection c = s.connection();
        try (PreparedStatement ps = c.prepareStatement("insert into ecm_visit_event (tenant, provider_id, event_id, visit_id)"
                + " select ?, ?, u.* from unnest(?::text[], ?::text[]) u on conflict do nothing")) {
            ps.setString(1, s.tenant());
            ps.setString(2, provider);
            ps.setArray(3, c.createArrayOf("text", eventIds.toArray()));
            ps.setArray(4, c.createArrayOf("text", visitIds.toArray()));
            ps.executeUpdate();
        }
    }

    /** Every event placed on these visits, in the order received, by visit. */
    static Map<String, List<VisitEvent>> eventsOf(StoreSession s, Collection<String> visitIds,
                                                  Map<String, VisitEvent> known) throws SQLException {
        Map<String, List<VisitEvent>> out = new LinkedHashMap<>();
        for (String v : visitIds) out.put(v, new ArrayList<>());
        if (visitIds.isEmpty()) return out;
        Connection c = s.connection();
        // Joined to the ids (not "visit_id = any(?)"): see StoreSession's index reads.
        try (PreparedStatement ps = c.prepareStatement("select ve.visit_id, e.provider_id, e.event_id, e.content"
                + " from unnest(?::text[]) as k(id) join ecm_visit_event ve on ve.tenant = ? and ve.visit_id = k.id"
                + " join ecm_event e on e.tenant = ve.tenant and e.provider_id = ve.provider_id"
                + " and e.event_id = ve.event_id order by e.seq")) {
            ps.setArray(1, c.createArrayOf("text", visitIds.toArray()));
            ps.setString(2, s.tenant());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    VisitEvent e = known.get(rs.getString(2) + '\u0000' + rs.getString(3));
                    out.get(rs.getString(1)).add(e != null ? e : VisitEventJson.read(rs.getString(4)));
                }
            }
        }
        return out;
    }

    static Map<String, Set<String>> raisedKeys(StoreSession s, Collection<String> visitIds) throws SQLException {
        Map<String, Set<String>> out = new HashMap<>();
        if (visitIds.isEmpty()) return out;
        Connection c = s.connection();
        try (PreparedStatement ps = c.prepareStatement("select visit_id, alert_key from ecm_alert where tenant = ?"
                + " and visit_id = any(?)")) {
            ps.setString(1, s.tenant());
            ps.setArray(2, c.createArrayOf("text", visitIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
            }
        }
        return out;
    }

    /** Records alerts; returns the keys that were new (the unique key is what makes an alert happen once). */
    static Set<String> insertAlerts(StoreSession s, List<String> keys, List<String> visits, List<String> reasons,
                                    List<String> taskIds) throws SQLException {
        Set<String> fresh = new HashSet<>();
        if (keys.isEmpty()) return fresh;
        Connection c = s.connection();
        try (PreparedStatement ps = c.prepareStatement("insert into ecm_alert (tenant, alert_key, visit_id, reason, task_id)"
                + " select ?, u.* from unnest(?::text[], ?::text[], ?::text[], ?::text[]) u on conflict do nothing"
                + " returning alert_key")) {
            ps.setString(1, s.tenant());
            ps.setArray(2, c.createArrayOf("text", keys.toArray()));
            ps.setArray(3, c.createArrayOf("text", visits.toArray()));
            ps.setArray(4, c.createArrayOf("text", reasons.toArray()));
            ps.setArray(5, c.createArrayOf("text", taskIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) fresh.add(rs.getString(1));
            }
        }
        return fresh;
    }

    static void updateStates(StoreSession s, List<String> visitIds, List<String> statuses, List<Boolean> refused,
                             List<String> encounterIds) throws SQLException {
        if (visitIds.isEmpty()) return;
        Connection c = s.connection();
        try (PreparedStatement ps = c.prepareStatement("update ecm_visit v set status = u.status, refused = u.refused,"
                + " encounter_id = u.encounter_id from unnest(?::text[], ?::text[], ?::boolean[], ?::text[])"
                + " as u(visit_id, status, refused, encounter_id) where v.tenant = ? and v.visit_id = u.visit_id"
                // A row already in this state is left alone: no new tuple, no index entries, no WAL.
                + " and (v.status, v.refused, v.encounter_id) is distinct from (u.status, u.refused, u.encounter_id)")) {
            ps.setArray(1, c.createArrayOf("text", visitIds.toArray()));
            ps.setArray(2, c.createArrayOf("text", statuses.toArray()));
            ps.setArray(3, c.createArrayOf("boolean", refused.toArray()));
            ps.setArray(4, c.createArrayOf("text", encounterIds.toArray()));
            ps.setString(5, s.tenant());
            ps.executeUpdate();
        }
    }

    /** The person's visits before {@code start}, latest first: (status, refused, cancelled, visit id) for refusal runs. */
    static List<Object[]> earlierVisits(StoreSession s, String clientId, Instant start, int limit) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        try (PreparedStatement ps = s.connection().prepareStatement("select status, refused, cancelled, visit_id from ecm_visit"
                + " where tenant = ? and client_id = ? and planned_start < ? order by planned_start desc limit ?")) {
            ps.setString(1, s.tenant());
            ps.setString(2, clientId);
            ps.setTimestamp(3, Timestamp.from(start));
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Object[]{rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getString(4)});
            }
        }
        return out;
    }

    /**
     * Adds or re-plans visits from the rota, one statement for all; their judged state and resource ids survive a
     * re-plan. One row per visit id (a multi-row upsert may not touch a row twice).
     */
    static void upsertVisits(StoreSession s, List<VisitRow> rows, List<Instant> missedAt) throws SQLException {
        if (rows.isEmpty()) return;
        int n = rows.size();
        String[] visit = new String[n], provider = new String[n], order = new String[n], client = new String[n],
                appointment = new String[n], encounter = new String[n], orderRes = new String[n],
                patientRes = new String[n], providerRes = new String[n];
        Timestamp[] start = new Timestamp[n], end = new Timestamp[n], missed = new Timestamp[n];
        Boolean[] critical = new Boolean[n], cancelled = new Boolean[n];
        Integer[] workers = new Integer[n];
        for (int i = 0; i < n; i++) {
            VisitRow r = rows.get(i);
            PlannedVisit v = r.visit();
            visit[i] = v.visitId();
            provider[i] = v.providerId();
            order[i] = v.orderId();
            client[i] = v.clientId();
            start[i] = Timestamp.from(v.start());
            end[i] = Timestamp.from(v.end());
            critical[i] = v.timeCritical();
            workers[i] = v.workersRequired();
            cancelled[i] = v.cancelled();
            missed[i] = Timestamp.from(missedAt.get(i));
            appointment[i] = r.appointmentId();
            encounter[i] = r.encounterId();
            orderRes[i] = r.orderResId();
            patientRes[i] = r.patientResId();
            providerRes[i] = r.providerResId();
        }
        Connection c = s.connection();
        try (PreparedStatement ps = c.prepareStatement("insert into ecm_visit (tenant, visit_id, provider_id,"
                + " order_number, client_id, planned_start, planned_end, time_critical, workers_required, cancelled,"
                + " missed_at, appointment_id, encounter_id, order_res_id, patient_res_id, provider_res_id)"
                + " select ?, u.* from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],"
                + " ?::timestamptz[], ?::boolean[], ?::int[], ?::boolean[], ?::timestamptz[], ?::text[], ?::text[],"
                + " ?::text[], ?::text[], ?::text[]) u on conflict (tenant, visit_id) do update set"
                + " order_number = excluded.order_number, client_id = excluded.client_id,"
                + " planned_start = excluded.planned_start, planned_end = excluded.planned_end,"
                + " time_critical = excluded.time_critical, workers_required = excluded.workers_required,"
                + " cancelled = excluded.cancelled, missed_at = excluded.missed_at, order_res_id = excluded.order_res_id,"
                + " patient_res_id = excluded.patient_res_id, provider_res_id = excluded.provider_res_id")) {
            ps.setString(1, s.tenant());
            Object[][] columns = {visit, provider, order, client, start, end, critical, workers, cancelled, missed,
                    appointment, encounter, orderRes, patientRes, providerRes};
            String[] types = {"text", "text", "text", "text", "timestamptz", "timestamptz", "boolean", "int4",
                    "boolean", "timestamptz", "text", "text", "text", "text", "text"};
            for (int i = 0; i < columns.length; i++) ps.setArray(i + 2, c.createArrayOf(types[i], columns[i]));
            ps.executeUpdate();
        }
    }

    /** The resource each of these visit ids is already shown as (visits not on the rota are absent). */
    static Map<String, String> appointmentsOf(StoreSession s, Collection<String> visitIds) throws SQLException {
        Map<String, String> out = new HashMap<>();
        if (visitIds.isEmpty()) return out;
        Connection c = s.connection();
        try (PreparedStatement ps = c.prepareStatement("select visit_id, appointment_id from ecm_visit"
                + " where tenant = ? and visit_id = any(?)")) {
            ps.setString(1, s.tenant());
            ps.setArray(2, c.createArrayOf("text", visitIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    /** Of these Appointment ids, those that are planned visits' Appointments (one statement for a Bundle's updates). */
    static Set<String> plannedAppointments(StoreSession s, Collection<String> appointmentIds) throws SQLException {
        Set<String> out = new HashSet<>();
        if (appointmentIds.isEmpty()) return out;
        Connection c = s.connectionUnflushed(); // ecm_visit only (see connectionUnflushed)
        try (PreparedStatement ps = c.prepareStatement("select v.appointment_id from unnest(?::text[]) as k(id)"
                + " join ecm_visit v on v.tenant = ? and v.appointment_id = k.id")) {
            ps.setArray(1, c.createArrayOf("text", appointmentIds.toArray()));
            ps.setString(2, s.tenant());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** A resource's current row: its version, whether that is a delete, and its JSON. */
    record Current(long version, boolean deleted, String json) {}

    /** Current rows of resources, locked for the write that follows. */
    static Map<String, Current> lockCurrent(StoreSession s, String type, Collection<String> ids) throws SQLException {
        Map<String, Current> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        Connection c = s.connection();
        // Joined to the ids, not "res_id = any(?)": a generic plan made while the table was small scanned it whole,
        // testing every row against the whole array (seconds per chunk once it held a week of visits).
        try (PreparedStatement ps = c.prepareStatement("select r.res_id, r.version, r.deleted, r.content"
                + " from unnest(?::text[]) as k(id) join fhir_resource r on r.tenant = ? and r.res_type = ?"
                + " and r.res_id = k.id for update of r")) {
            Array a = c.createArrayOf("text", ids.toArray());
            ps.setArray(1, a);
            ps.setString(2, s.tenant());
            ps.setString(3, type);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), new Current(rs.getLong(2), rs.getBoolean(3), rs.getString(4)));
            }
        }
        return out;
    }

    /** The visit whose visit id, Appointment id or Encounter id this is (null if none), locked for the write that follows. */
    static VisitRow visitBy(StoreSession s, String column, String value, boolean lock) throws SQLException {
        if (!List.of("visit_id", "appointment_id", "encounter_id").contains(column)) throw new IllegalArgumentException(column);
        // ecm_visit only: the session's buffered resource writes need not be flushed first (see connectionUnflushed).
        try (PreparedStatement ps = s.connectionUnflushed().prepareStatement("select " + VISIT_COLUMNS + " from ecm_visit"
                + " where tenant = ? and " + column + " = ?" + (lock ? " for update" : ""))) {
            ps.setString(1, s.tenant());
            ps.setString(2, value);
            List<VisitRow> rows = visits(s.tenant(), ps);
            return rows.isEmpty() ? null : rows.get(0);
        }
    }
}
