package org.carebridge.benchmarks.gen;

import org.carebridge.benchmarks.gen.Model.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic synthetic council: every record is a pure function of (seed, scale, index), computed from its
 * own {@link SplittableRandom}, so people can be generated lazily, in any order, in parallel, and national scale
 * never needs to be held in memory. Same seed, same bytes.
 *
 * <p>Noise in the ECM events (rates per visit): late (45-110 min) 3 %, early (20-60 min) 2 %, missed 1 % (a third
 * of them with a no-reply event), refused 0.5 %, manual entries 5 % (a fifth keyed more than 24 h later),
 * duplicates 1 %, out-of-order 2 %.
 */
public final class SyntheticWorld {
    private static final long PERSON = 0x1F1L, ORDER = 0x2E2L, EVENTS = 0x3D3L, PROVIDER = 0x4C4L, DISCHARGE = 0x5B5L;
    /** Slot templates: hour window start, window length in minutes. Morning, lunch, tea, bed. */
    private static final int[][] SLOTS = {{7, 150}, {12, 90}, {16, 90}, {19, 120}};
    /** Which slots a person with 1..4 visits a day gets. */
    private static final int[][] SLOTS_FOR = {{0}, {0, 3}, {0, 1, 3}, {0, 1, 2, 3}};

    private final long seed;
    private final Scale scale;

    public SyntheticWorld(long seed, Scale scale) {
        this.seed = seed;
        this.scale = scale;
    }

    public long seed() {
        return seed;
    }

    public Scale scale() {
        return scale;
    }

    SplittableRandom rng(long salt, long index) {
        return new SplittableRandom(mix(seed ^ mix(salt * 0x9E3779B97F4A7C15L + index)));
    }

    /** SplitMix64's finaliser: spreads nearby inputs over the whole range. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public Provider provider(int i) {
        SplittableRandom r = rng(PROVIDER, i);
        String name = pick(r, Names.PROVIDER_WORD) + " " + pick(r, Names.PROVIDER_KIND) + " (branch " + (i + 1) + ")";
        String ods = "V" + base36(i, 4);
        String cqc = "1-" + (100_000_000L + Math.floorMod(mix(seed + i), 900_000_000L));
        return new Provider(i, "PRV-" + (i + 1), ods, cqc, name);
    }

    public Person person(int i) {
        SplittableRandom r = rng(PERSON, i);
        boolean female = r.nextInt(100) < 62;
        String given = female ? pick(r, Names.GIVEN_F) : pick(r, Names.GIVEN_M);
        String title = female ? (r.nextBoolean() ? "Mrs" : "Ms") : "Mr";
        int age = r.nextInt(100) < 80 ? 65 + r.nextInt(36) : 18 + r.nextInt(47);
        LocalDate birth = scale.weekStart().minusYears(age).minusDays(r.nextInt(365));
        String[] town = Names.TOWN[r.nextInt(Names.TOWN.length)];
        String postcode = town[1] + " " + (1 + r.nextInt(9)) + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26));
        String line = (1 + r.nextInt(120)) + " " + pick(r, Names.STREET);
        // 3 % have no NHS number on record; beyond the test range (national scale) nobody gets one.
        boolean traced = r.nextInt(100) >= 3 && i < NhsNumbers.capacity();
        String nhs = traced ? NhsNumbers.forIndex(seed, i) : null;
        int provider = r.nextInt(scale.providers());
        return new Person(i, "P" + (100_000 + i), nhs, title, given, pick(r, Names.FAMILY), birth,
                female ? "female" : "male", line, town[0], postcode, town[2], pick(r, Names.CLIENT_GROUP), provider);
    }

    public Order order(Person p) {
        SplittableRandom r = rng(ORDER, p.index());
        int perDay = scale.minVisitsPerDay() + r.nextInt(scale.maxVisitsPerDay() - scale.minVisitsPerDay() + 1);
        boolean doubleHanded = r.nextInt(100) < 8;
        List<Call> calls = new ArrayList<>();
        for (int slot : SLOTS_FOR[perDay - 1]) {
            int[] w = SLOTS[slot];
            int offset = r.nextInt(w[1] / 15) * 15;
            int minutes = slot == 0 ? (r.nextBoolean() ? 45 : 60) : (r.nextInt(4) == 0 ? 60 : 30);
            calls.add(new Call(slot, w[0] + offset / 60, offset % 60, minutes,
                    doubleHanded && slot != 1 ? 2 : 1, r.nextInt(100) < 30));
        }
        return new Order("SDO-" + (700_000 + p.index()), "CP" + (500_000 + p.index()), p.index(), p.providerIndex(),
                scale.weekStart().minusDays(7 + r.nextInt(700)), List.copyOf(calls));
    }

    /** The person's planned visits for the week, in time order. */
    public List<Visit> visits(Person p) {
        Order o = order(p);
        List<Visit> visits = new ArrayList<>(o.calls().size() * scale.days());
        for (int day = 0; day < scale.days(); day++) {
            for (Call c : o.calls()) {
                LocalDateTime start = scale.weekStart().plusDays(day).atTime(c.hour(), c.minute());
                visits.add(new Visit(visitId(p.index(), day, c.slot()), p.index(), p.providerIndex(), day, c.slot(),
                        start, c.minutes(), c.workers(), c.timeCritical()));
            }
        }
        return visits;
    }

    public static String visitId(int person, int day, int slot) {
        return "V" + person + "-" + day + "-" + slot;
    }

    /**
     * The ECM events of the person's week as the provider's system would send them: mostly in time order, with
     * the noise described on the class.
     */
    public List<EcmEvent> events(Person p) {
        SplittableRandom r = rng(EVENTS, p.index());
        Order order = order(p);
        Provider prov = provider(p.providerIndex());
        int workerPool = 1 + Math.floorMod((int) mix(seed + p.index()), 40);
        List<EcmEvent> out = new ArrayList<>();
        for (Visit v : visits(p)) {
            int roll = r.nextInt(1000);
            Instant planned = v.plannedStart().toInstant(ZoneOffset.UTC);
            String[] workers = new String[v.workers()];
            for (int w = 0; w < workers.length; w++) {
                workers[w] = "CW-" + (p.providerIndex() + 1) + "-" + (1 + Math.floorMod(workerPool + w * 7 + r.nextInt(3), 60));
            }
            String base = "E" + v.visitId().substring(1);
            if (roll < 10) {                       // missed; a third leave a no-reply event at the door
                if (roll < 3) out.add(event(base + "-n", prov, p, order, v, workers[0], Kind.NO_REPLY,
                        planned.plusSeconds(60L * r.nextInt(20)), "app", true, null, null, null));
                continue;
            }
            if (roll < 15) {                       // refused at the door
                out.add(event(base + "-r", prov, p, order, v, workers[0], Kind.REFUSAL,
                        planned.plusSeconds(60L * r.nextInt(15)), "app", true, null, null, null));
                continue;
            }
            long offsetMin;
            if (roll < 45) offsetMin = 45 + r.nextInt(66);          // late
            else if (roll < 65) offsetMin = -(20 + r.nextInt(41)); // early
            else offsetMin = r.nextInt(31) - 15;                   // within tolerance
            for (int w = 0; w < workers.length; w++) {
                Instant in = planned.plusSeconds(60 * (offsetMin + (w == 0 ? 0 : r.nextInt(21))) + r.nextInt(60));
                Instant outT = in.plusSeconds((long) (v.minutes() * 60 * (0.8 + r.nextDouble() * 0.3)));
                int m = r.nextInt(100);
                String method = m < 80 ? "app" : m < 95 ? "telephony" : "manual";
                for (Kind k : new Kind[]{Kind.CHECK_IN, Kind.CHECK_OUT}) {
                    Instant t = k == Kind.CHECK_IN ? in : outT;
                    String id = base + "-" + w + (k == Kind.CHECK_IN ? "i" : "o");
                    if (method.equals("manual")) {
                        int ex = r.nextInt(Names.EXCEPTION.length);
                        long delayH = r.nextInt(5) == 0 ? 25 + r.nextInt(48) : 1 + r.nextInt(20);
                        out.add(event(id, prov, p, order, v, workers[w], k, t, method, false, Names.EXCEPTION[ex],
                                Names.EXCEPTION_REASON[ex], t.plus(Duration.ofHours(delayH))));
                    } else {
                        out.add(event(id, prov, p, order, v, workers[w], k, t, method,
                                method.equals("app") && r.nextInt(10) > 0, null, null, null));
                    }
                }
            }
        }
        out.sort(Comparator.comparing(EcmEvent::time).thenComparing(EcmEvent::eventId));
        // Duplicates (the same event sent twice) and out-of-order events (sent after later ones).
        List<EcmEvent> noisy = new ArrayList<>(out.size() + out.size() / 50);
        List<EcmEvent> delayed = new ArrayList<>();
        for (EcmEvent e : out) {
            int roll = r.nextInt(100);
            if (roll < 2) {
                delayed.add(e);
                continue;
            }
            noisy.add(e);
            if (roll == 2) noisy.add(e);
            if (!delayed.isEmpty() && r.nextInt(4) == 0) {
                noisy.addAll(delayed);
                delayed.clear();
            }
        }
        noisy.addAll(delayed);
        return noisy;
    }

    private static EcmEvent event(String id, Provider prov, Person p, Order o, Visit v, String worker, Kind kind,
                                  Instant time, String method, boolean located, String exCode, String reason, Instant enteredAt) {
        return new EcmEvent(id, prov.feedId(), p.personId(), o.orderNumber(), v.visitId(), worker, kind, time, method,
                located, exCode, reason, enteredAt == null ? null : "OFF-" + (1 + Math.floorMod(id.hashCode(), 9)), enteredAt);
    }

    /**
     * Discharges in the week: about one person in 60 (West Kent alone has up to 60 D2A discharges a week,
     * shared/domain.md §3), 2 % of them retransmitted over MLLP.
     */
    public int dischargeCount() {
        return Math.max(1, scale.people() / 60);
    }

    public Discharge discharge(int i) {
        SplittableRandom r = rng(DISCHARGE, i);
        int person = r.nextInt(scale.people());
        Instant weekStart = scale.weekStart().atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant discharged = weekStart.plusSeconds(r.nextInt(scale.days() * 24 * 3600));
        Instant admitted = discharged.minus(Duration.ofHours(12 + r.nextInt(24 * 12)));
        return new Discharge("REF-" + (900_000 + i), person, "R" + base36(r.nextInt(20), 2) + "01",
                "Ward " + (1 + r.nextInt(30)), admitted, discharged, r.nextInt(100) < 2);
    }

    private static String pick(SplittableRandom r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    private static String base36(int n, int width) {
        String s = Integer.toString(n, 36).toUpperCase();
        return "0".repeat(Math.max(0, width - s.length())) + s;
    }
}
