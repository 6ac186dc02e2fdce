package org.carebridge.mappings.mosaic;

import java.io.OutputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.carebridge.mappings.mosaic.model.AccessDetails;
import org.carebridge.mappings.mosaic.model.Address;
import org.carebridge.mappings.mosaic.model.CareManager;
import org.carebridge.mappings.mosaic.model.CarePlanRecord;
import org.carebridge.mappings.mosaic.model.Contact;
import org.carebridge.mappings.mosaic.model.ExtractHeader;
import org.carebridge.mappings.mosaic.model.Need;
import org.carebridge.mappings.mosaic.model.Objection;
import org.carebridge.mappings.mosaic.model.OrderRecord;
import org.carebridge.mappings.mosaic.model.PersonName;
import org.carebridge.mappings.mosaic.model.PersonRecord;
import org.carebridge.mappings.mosaic.model.PlannedCall;
import org.carebridge.mappings.mosaic.model.ProviderRef;
import org.carebridge.mappings.mosaic.model.Review;

/**
 * Deterministic synthetic people for tests and benchmarks: person {@code i} of a seed is always the same. Names,
 * places and codes are invented; NHS numbers are valid by check digit and drawn from the 999 range, which is never
 * issued to real people.
 */
public final class SyntheticMosaic {
    private static final String[] FAMILY = {"Abbott", "Baker", "Clarke", "Davies", "Evans", "Fletcher", "Green",
        "Hughes", "Iqbal", "Jones", "Khan", "Lewis", "Morgan", "Nowak", "Okafor", "Patel", "Quinn", "Roberts",
        "Singh", "Taylor", "Usman", "Vaughan", "Walker", "Young"};
    private static final String[] GIVEN = {"Ada", "Bernard", "Cyril", "Doris", "Edna", "Frank", "Gladys", "Harold",
        "Irene", "Jean", "Kamala", "Leonard", "Margaret", "Norman", "Olive", "Percy", "Rita", "Stanley", "Thelma"};
    private static final String[] TOWNS = {"Maidstone", "Ashford", "Canterbury", "Dover", "Folkestone", "Tonbridge"};
    private static final String[] CLIENT_GROUPS = MosaicCodes.CLIENT_GROUPS.keySet().toArray(new String[0]);
    private static final String[] LINES = {"home-care", "home-care", "home-care", "supporting-independence",
        "extra-care", "discharge-to-assess"};
    private static final String[] STATUSES = {"active", "active", "active", "active", "accepted", "suspended",
        "varied", "offered"};

    private SyntheticMosaic() {}

    /**
     * Writes a generated extract file, for benchmarks: {@code SyntheticMosaic <file> <people> [council] [full|delta]
     * [extract time] [seed]}.
     */
    public static void main(String[] args) throws java.io.IOException {
        if (args.length < 2) {
            System.err.println("usage: SyntheticMosaic <file.xml> <people> [council] [full|delta] [time] [seed]");
            System.exit(2);
        }
        java.nio.file.Path file = java.nio.file.Path.of(args[0]);
        int people = Integer.parseInt(args[1]);
        ExtractHeader header = new ExtractHeader(args.length > 2 ? args[2] : "kent", args.length > 3 ? args[3] : "full",
                args.length > 4 ? args[4] : "2026-11-23T06:00:00Z", "GEN-" + people);
        long seed = args.length > 5 ? Long.parseLong(args[5]) : 42;
        try (OutputStream out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file), 1 << 16)) {
            writeXml(out, header, people, seed);
        }
    }

    /** Writes a whole XML extract of {@code people} people. */
    public static void writeXml(OutputStream out, ExtractHeader header, int people, long seed) {
        try (MosaicExtractWriter w = new MosaicExtractWriter(out, header)) {
            for (int i = 0; i < people; i++) {
                w.write(person(seed, i));
            }
        }
    }

    public static PersonRecord person(long seed, int i) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
        PersonRecord p = new PersonRecord();
        p.personId = "P" + (100000 + i);
        p.nhsNumber = nhsNumber(i);
        p.nhsNumberVerification = "01";
        PersonName n = new PersonName();
        n.title = r.nextBoolean() ? "Mrs" : "Mr";
        n.given.add(pick(r, GIVEN));
        n.family = pick(r, FAMILY);
        p.name = n;
        p.formOfAddress = n.title + " " + n.family;
        p.birthDate = LocalDate.of(1925 + r.nextInt(70), 1 + r.nextInt(12), 1 + r.nextInt(28)).toString();
        p.gender = n.title.equals("Mrs") ? "female" : "male";
        Address a = new Address();
        a.line.add((1 + r.nextInt(200)) + " Station Road");
        a.town = pick(r, TOWNS);
        a.postcode = "ME" + (1 + r.nextInt(20)) + " " + (1 + r.nextInt(9)) + "AB";
        a.ruralityClass = r.nextInt(10) < 7 ? "urban" : r.nextBoolean() ? "rural-town-fringe" : "rural-village-dispersed";
        p.address = a;
        p.phone = "01622 " + (100000 + r.nextInt(900000));
        p.language = r.nextInt(10) == 0 ? "pa" : "en";
        p.interpreterRequired = Boolean.toString("pa".equals(p.language));
        p.clientGroup = pick(r, CLIENT_GROUPS);
        p.capacity = r.nextInt(8) == 0 ? "lacks-capacity" : "has-capacity";
        Contact nok = new Contact();
        nok.role = "next-of-kin";
        nok.name = pick(r, GIVEN) + " " + n.family;
        nok.relationship = r.nextBoolean() ? "daughter" : "son";
        nok.phone = "07700 " + (900000 + r.nextInt(99999));
        p.contacts.add(nok);
        if ("lacks-capacity".equals(p.capacity)) {
            Contact rep = new Contact();
            rep.role = "representative";
            rep.name = nok.name;
            rep.relationship = nok.relationship;
            rep.authority = "lpa-health-welfare";
            p.contacts.add(rep);
        }
        p.restricted = Boolean.toString(r.nextInt(50) == 0);
        if (r.nextInt(20) == 0) {
            Objection o = new Objection();
            o.scope = "family";
            o.recorded = "2025-06-01";
            p.objections.add(o);
        }
        if (r.nextInt(3) == 0) {
            AccessDetails ad = new AccessDetails();
            ad.keySafeCode = Integer.toString(1000 + r.nextInt(9000));
            ad.instructions = "Key safe left of the front door";
            p.access = ad;
        }
        CareManager cm = new CareManager();
        cm.workerId = "W" + (1000 + r.nextInt(400));
        cm.name = "Care manager " + cm.workerId;
        cm.teamId = "T" + (10 + r.nextInt(19));
        cm.teamName = "Adult social care team " + cm.teamId;
        p.careManager = cm;

        CarePlanRecord plan = new CarePlanRecord();
        plan.planId = "CP" + (100000 + i);
        plan.status = "active";
        LocalDate start = LocalDate.of(2025, 1, 1).plusDays(r.nextInt(600));
        plan.start = start.toString();
        plan.needs.add(new Need("Managing and maintaining nutrition", "true"));
        plan.needs.add(new Need("Maintaining personal hygiene", "true"));
        plan.personalOutcomes.add("To stay living in my own home");
        plan.agreedOutcomes.add("Support with meals and personal care each day");
        plan.goals.add("Prepare a simple lunch independently");
        boolean doubleHanded = r.nextInt(6) == 0;
        plan.timeCriticalCalls = Boolean.toString(r.nextInt(4) == 0);
        plan.doubleHanded = Boolean.toString(doubleHanded);
        plan.nightSupport = r.nextInt(30) == 0 ? "sleeping" : "none";
        plan.reviews.add(new Review("first", start.plusWeeks(6).toString(), null));
        p.plans.add(plan);

        int orders = 1 + (r.nextInt(5) == 0 ? 1 : 0);
        for (int k = 0; k < orders; k++) {
            OrderRecord o = new OrderRecord();
            o.orderNumber = "SDO" + (1000000 + i * 2 + k);
            o.kind = k == 0 ? "SDO" : "PO";
            o.planId = plan.planId;
            ProviderRef pr = new ProviderRef();
            int provider = r.nextInt(233);
            pr.cqcLocationId = "1-" + (100000000 + provider);
            pr.odsCode = "V" + (10000 + provider);
            pr.name = "Provider " + provider;
            o.provider = pr;
            o.serviceLine = pick(r, LINES);
            o.supportLevel = r.nextInt(5) == 0 ? "complex" : "standard";
            int calls = 1 + r.nextInt(4);
            o.units = Integer.toString(calls * 7 / 2);
            o.unitOfPurchase = "hour";
            o.frequency = "week";
            o.maxWeeklyHours = Integer.toString(calls * 4);
            for (int c = 0; c < calls; c++) {
                PlannedCall call = new PlannedCall();
                call.time = List.of("07:30", "12:30", "17:00", "21:00").get(c);
                call.minutes = r.nextBoolean() ? "30" : "45";
                call.workers = doubleHanded ? "2" : "1";
                call.timeCritical = Boolean.toString(c == 0 && r.nextInt(4) == 0);
                o.calls.add(call);
            }
            o.start = start.toString();
            o.status = pick(r, STATUSES);
            p.orders.add(o);
        }
        return p;
    }

    /** A check-digit-valid NHS number in the 999 test range for index i. */
    public static String nhsNumber(int i) {
        for (int bump = 0; ; bump++) {
            String nine = String.format("999%06d", (i * 7L + bump) % 1_000_000);
            int sum = 0;
            for (int d = 0; d < 9; d++) {
                sum += (nine.charAt(d) - '0') * (10 - d);
            }
            int check = 11 - sum % 11;
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                return nine + check;
            }
        }
    }

    private static String pick(SplittableRandom r, String[] values) {
        return values[r.nextInt(values.length)];
    }
}
