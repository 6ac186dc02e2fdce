package org.carebridge.routes.hl7;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carebridge.mappings.discharge.hl7.AdtEvent;
import org.carebridge.mappings.discharge.hl7.Hl7Message;
import org.carebridge.rules.referrals.HospitalStay;
import org.carebridge.rules.referrals.HospitalStayRules;
import org.carebridge.rules.referrals.HospitalStayRules.ActiveOrder;
import org.carebridge.rules.referrals.StayAction;
import org.junit.jupiter.api.Test;

/**
 * An admission and a discharge sent over a real MLLP socket, applied by a sink that does what the gateway will
 * (hospital-stay rules over an in-memory person with one active order), with a clock the test moves: the order
 * is suspended once the person has been in hospital more than 48 hours, and reinstated with a restart notice on
 * discharge.
 */
class HospitalStayOverMllpTest {
    private static final String NHS = "9434765919";
    private static final Instant ADMITTED = Instant.parse("2026-01-05T08:00:00Z");

    /** A clock the test can move forward. */
    static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** What the gateway's sink will do, minus the database. */
    static final class StaySink implements AdtEventSink {
        final HospitalStayRules rules = HospitalStayRules.standard();
        final Map<String, List<ActiveOrder>> orders = new HashMap<>();
        final Map<String, HospitalStay> stays = new HashMap<>();
        final List<StayAction> actions = new ArrayList<>();
        final Clock clock;

        StaySink(Clock clock) {
            this.clock = clock;
        }

        @Override
        public synchronized void accept(String tenant, AdtEvent e) {
            List<ActiveOrder> active = orders.getOrDefault(e.nhsNumber(), List.of());
            HospitalStay stay = stays.get(e.nhsNumber());
            HospitalStayRules.Step step = switch (e.type()) {
                case A01 -> rules.admit(e.nhsNumber(), e.admittedAt(), active, clock.instant());
                case A03 -> rules.discharge(stay, e.dischargedAt(), active);
                case A11 -> rules.cancelAdmit(stay, active, clock.instant());
                case A13 -> rules.cancelDischarge(stay, active, clock.instant());
                case A08 -> new HospitalStayRules.Step(stay, List.of());
            };
            record(e.nhsNumber(), step);
        }

        /** The scheduler's periodic check. */
        synchronized void tick() {
            for (String nhs : List.copyOf(stays.keySet())) {
                record(nhs, rules.tick(stays.get(nhs), orders.getOrDefault(nhs, List.of()), clock.instant()));
            }
        }

        private void record(String nhs, HospitalStayRules.Step step) {
            if (step.stay() != null) {
                stays.put(nhs, step.stay());
            }
            actions.addAll(step.actions());
        }
    }

    static String adt(String trigger, String controlId, String pv1Times) {
        return "MSH|^~\\&|PAS|RVV01|CAREBRIDGE|KCC|20260105080500||ADT^" + trigger + "^ADT_A01|" + controlId + "|P|2.5\r"
                + "EVN|" + trigger + "|20260105080500\r"
                + "PID|1||" + NHS + "^^^NHS^NH||Example^Pat||19400101|F\r"
                + "PV1|1|I|WARD7^B2^12^RVV01" + "|".repeat(41) + pv1Times + "\r";
    }

    @Test
    void admissionThen48HoursThenDischarge() throws Exception {
        TestClock clock = new TestClock(ADMITTED.plus(Duration.ofMinutes(5)));
        StaySink sink = new StaySink(clock);
        sink.orders.put(NHS, List.of(new ActiveOrder("SDO-1", "P1")));
        MllpChannel channel = new MllpChannel("kent", sink, new InMemoryAckRepository(), clock);
        try (MllpClient hospital = new MllpClient(channel.port)) {
            String ack = hospital.send(adt("A01", "ADM-1", "20260105080000"));
            assertEquals("AA", Hl7Message.parse(ack).segment("MSA").orElseThrow().get(1));
            assertTrue(sink.actions.contains(new StayAction.Notify(StayAction.Recipient.PROVIDER, "P1", "SDO-1",
                    StayAction.Notice.ADMITTED, ADMITTED)));

            clock.advance(Duration.ofHours(47));
            sink.tick();
            assertTrue(sink.actions.stream().noneMatch(a -> a instanceof StayAction.SuspendOrder), "still within 48 h");

            clock.advance(Duration.ofHours(2));
            sink.tick();
            assertTrue(sink.actions.contains(new StayAction.SuspendOrder("SDO-1", ADMITTED.plus(Duration.ofHours(48)))));

            String dischargeAck = hospital.send(adt("A03", "DIS-1", "20260105080000|20260108100000"));
            assertEquals("AA", Hl7Message.parse(dischargeAck).segment("MSA").orElseThrow().get(1));
            Instant out = Instant.parse("2026-01-08T10:00:00Z");
            assertTrue(sink.actions.contains(new StayAction.ReinstateOrder("SDO-1", out)));
            assertTrue(sink.actions.contains(new StayAction.Notify(StayAction.Recipient.PROVIDER, "P1", "SDO-1",
                    StayAction.Notice.RESTART, out)));
            assertEquals(HospitalStay.Status.DISCHARGED, sink.stays.get(NHS).status());

            // the engine resends the discharge: same ACK, no second restart
            int before = sink.actions.size();
            assertEquals(dischargeAck, hospital.send(adt("A03", "DIS-1", "20260105080000|20260108100000")));
            assertEquals(before, sink.actions.size());
        } finally {
            channel.close();
        }
    }
}
