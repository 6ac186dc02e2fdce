package org.carebridge.gateway.discharge;

import jakarta.inject.Singleton;
import org.carebridge.gateway.store.StoreSession;
import org.carebridge.rules.referrals.ReferralClockRules;
import org.carebridge.rules.referrals.ReferralClocks;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The response clocks in table referral_clock: started when a referral arrives (the council's clock) or an offer
 * is made (the provider's, K:3122), with deadlines from the tenant's rule pack fixed at that moment; answered
 * (KPI times); alerted at most once per deadline.
 */
@Singleton
public class ReferralClockStore {
    private final Map<String, ReferralClocks> clocks = new ConcurrentHashMap<>();

    /** An open clock as the scheduler sees it. */
    public record OpenClock(String subjectRef, String referralId, Instant clockStart, Instant acknowledgeBy,
                            Instant respondBy, Instant acknowledgedAt, Instant ackAlertedAt, Instant responseAlertedAt) {}

    public ReferralClocks clocksOf(String tenant) {
        return clocks.computeIfAbsent(tenant, t -> new ReferralClocks(ReferralClockRules.forTenant(t)));
    }

    public ReferralClocks.Deadlines start(StoreSession s, String subjectRef, String referralId,
                                         ReferralClocks.Request request) throws SQLException {
        ReferralClocks.Deadlines d = clocksOf(s.tenant()).deadlines(request);
        try (PreparedStatement ps = s.connection().prepareStatement("insert into referral_clock (tenant, subject_ref,"
                + " referral_id, clock_start, requested_start, priority, discharge, grade, acknowledge_by, respond_by)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")) {
            ps.setString(1, s.tenant());
            ps.setString(2, subjectRef);
            ps.setString(3, referralId);
            ps.setTimestamp(4, Timestamp.from(request.clockStart()));
            ps.setTimestamp(5, request.requestedStart() == null ? null : Timestamp.from(request.requestedStart()));
            ps.setString(6, request.priority());
            ps.setBoolean(7, request.discharge());
            ps.setString(8, d.grade());
            ps.setTimestamp(9, Timestamp.from(d.acknowledgeBy()));
            ps.setTimestamp(10, Timestamp.from(d.respondBy()));
            ps.executeUpdate();
        }
        return d;
    }

    public void acknowledged(StoreSession s, String subjectRef, Instant at) throws SQLException {
        update(s, "update referral_clock set acknowledged_at = coalesce(acknowledged_at, ?) where tenant = ? and subject_ref = ?",
                subjectRef, at);
    }

    /** The answer came: it also acknowledges; the clock stops. */
    public void responded(StoreSession s, String subjectRef, Instant at) throws SQLException {
        update(s, "update referral_clock set acknowledged_at = coalesce(acknowledged_at, ?), responded_at = coalesce("
                + "responded_at, ?), closed_at = coalesce(closed_at, ?) where tenant = ? and subject_ref = ?", subjectRef, at, at, at);
    }

    /** No answer is expected any more (offer withdrawn, referral cancelled). */
    public void close(StoreSession s, String subjectRef, Instant at) throws SQLException {
        update(s, "update referral_clock set closed_at = coalesce(closed_at, ?) where tenant = ? and subject_ref = ?",
                subjectRef, at);
    }

    public void closeAllOf(StoreSession s, String referralId, Instant at) throws SQLException {
        try (PreparedStatement ps = s.connection().prepareStatement("update referral_clock set closed_at = coalesce("
                + "closed_at, ?) where tenant = ? and referral_id = ?")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, s.tenant());
            ps.setString(3, referralId);
            ps.executeUpdate();
        }
    }

    /** Open clocks with a deadline passed and not yet alerted, locked (others skip them) until commit. */
    public List<OpenClock> due(StoreSession s, Instant now) throws SQLException {
        List<OpenClock> out = new ArrayList<>();
        try (PreparedStatement ps = s.connection().prepareStatement("select subject_ref, referral_id, clock_start,"
                + " acknowledge_by, respond_by, acknowledged_at, ack_alerted_at, response_alerted_at from referral_clock"
                + " where tenant = ? and closed_at is null and ((ack_alerted_at is null and acknowledged_at is null"
                + " and acknowledge_by < ?) or (response_alerted_at is null and respond_by < ?))"
                + " order by subject_ref for update skip locked")) {
            ps.setString(1, s.tenant());
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setTimestamp(3, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OpenClock(rs.getString(1), rs.getString(2), inst(rs, 3), inst(rs, 4), inst(rs, 5),
                            inst(rs, 6), inst(rs, 7), inst(rs, 8)));
                }
            }
        }
        return out;
    }

    public void alerted(StoreSession s, String subjectRef, ReferralClocks.Clock which, Instant at) throws SQLException {
        String col = which == ReferralClocks.Clock.ACKNOWLEDGEMENT ? "ack_alerted_at" : "response_alerted_at";
        update(s, "update referral_clock set " + col + " = ? where tenant = ? and subject_ref = ?", subjectRef, at);
    }

    /** KPI figures of one clock: start, deadlines and answer times. */
    public record Kpi(Instant clockStart, Instant acknowledgeBy, Instant respondBy, Instant acknowledgedAt,
                      Instant respondedAt, String grade) {}

    public java.util.Optional<Kpi> kpi(StoreSession s, String subjectRef) throws SQLException {
        try (PreparedStatement ps = s.connection().prepareStatement("select clock_start, acknowledge_by, respond_by,"
                + " acknowledged_at, responded_at, grade from referral_clock where tenant = ? and subject_ref = ?")) {
            ps.setString(1, s.tenant());
            ps.setString(2, subjectRef);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? java.util.Optional.of(new Kpi(inst(rs, 1), inst(rs, 2), inst(rs, 3), inst(rs, 4), inst(rs, 5), rs.getString(6)))
                        : java.util.Optional.empty();
            }
        }
    }

    private static void update(StoreSession s, String sql, String subjectRef, Instant... times) throws SQLException {
        try (PreparedStatement ps = s.connection().prepareStatement(sql)) {
            int i = 1;
            for (Instant t : times) {
                ps.setTimestamp(i++, Timestamp.from(t));
            }
            ps.setString(i++, s.tenant());
            ps.setString(i, subjectRef);
            ps.executeUpdate();
        }
    }

    private static Instant inst(ResultSet rs, int col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }
}
