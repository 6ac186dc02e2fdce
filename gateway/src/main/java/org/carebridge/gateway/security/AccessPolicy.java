package org.carebridge.gateway.security;

import org.carebridge.gateway.store.SearchSpec.Restriction;
import org.carebridge.profiles.Canonical;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

/**
 * Who may see what, as SQL over the candidate row {@code r} of fhir_resource: the one place where the
 * relationships of domain.md §6 become rules. Deny is the default: a type not named for a party is invisible
 * to it. The same rule serves searches (totals, pages), reads, history, includes and write checks.
 */
public final class AccessPolicy {
    private static final String T = "current_setting('carebridge.tenant', true)";
    private static final ZoneId UK = ZoneId.of("Europe/London");
    static final String SAFEGUARDING = "safeguarding";
    static final String ACCESS_ARRANGEMENT = "access-arrangement";

    /** ALL = no restriction; DENY = nothing of this type; else only rows passing {@link #restriction}. */
    public sealed interface Access permits All, Deny, Where {}

    public record All() implements Access {}

    public record Deny() implements Access {}

    public record Where(Restriction restriction) implements Access {}

    public static final Access ALL = new All();
    public static final Access DENY = new Deny();

    private static final int MAX_CACHED = 10_000;
    private final SecurityConfig config;
    private final Map<Key, Access> cache = new ConcurrentHashMap<>();

    public AccessPolicy(SecurityConfig config) {
        this.config = config;
    }

    /** What the caller may read of a type, for a statement over any number of candidate rows. */
    public Access readAccess(Caller c, String type) {
        return readAccess(c, type, false);
    }

    /**
     * What the caller may read of a type. {@code fewRows}: the statement checks only a few known candidates (a read,
     * given ids, one person's resources); the same rule is then written so every reference check is a probe of the
     * candidate's own index rows ({@link #PROBE}), never a hashed list of everything the caller's grants reach,
     * whose cost grows with all the caller's data (a provider's every visit) instead of with the candidates.
     */
    public Access readAccess(Caller c, String type, boolean fewRows) {
        Caller.Party party = c.party();
        if (type.equals("AuditEvent")) return c.isDpo() ? ALL : DENY;
        return switch (party) {
            case COUNCIL, DPO -> ALL;
            case PROVIDER, HOSPITAL -> cached(c, type, fewRows);
            case CARE_WORKER -> where(careWorker(new Q(fewRows), c, "r", type));
            case NONE -> DENY;
        };
    }

    /** Which interactions (c u d) a party may make on a type at all; the rows are checked separately. */
    public static boolean mayWrite(Caller c, String type, char interaction) {
        if (type.equals("AuditEvent")) return false;
        return switch (c.party()) {
            case COUNCIL -> true;
            case PROVIDER -> switch (type) {
                case "Appointment", "Encounter", "Task" -> interaction == 'c' || interaction == 'u';
                case "Communication", "Flag" -> interaction == 'c';
                default -> false;
            };
            case HOSPITAL -> (type.equals("ServiceRequest") || type.equals("Task")) && (interaction == 'c' || interaction == 'u');
            default -> false;
        };
    }

    /**
     * Provider and hospital rules depend on nothing but the party, its ODS code and the type (grants and objections
     * are read by the SQL when it runs; the tenant is the session's), so each is built once. The builders take only
     * those values, never the Caller, so one caller's entry can serve no caller of another party or organisation.
     */
    private Access cached(Caller c, String type, boolean fewRows) {
        Key k = new Key(c.tenant(), c.party(), c.org(), type, fewRows);
        Access a = cache.get(k);
        if (a != null) return a;
        if (cache.size() >= MAX_CACHED) cache.clear(); // parties x types is small; a flood of codes just rebuilds
        a = where(c.party() == Caller.Party.PROVIDER ? provider(new Q(fewRows), c.org(), "r", type)
                : hospital(new Q(fewRows), c.org(), "r", type));
        cache.put(k, a);
        return a;
    }

    private record Key(String tenant, Caller.Party party, String org, String type, boolean fewRows) {}

    private static Access where(Frag f) {
        return f == null ? DENY : new Where(new Restriction(f.sql, List.copyOf(f.args)));
    }

    // ---- the rules ---------------------------------------------------------------------------------------------

    private Frag provider(Q q, String org, String o, String type) {
        Frag patients = grants(q, "provider", org, "patient_id", false);
        Frag orders = grants(q, "provider", org, "order_id", false);
        Frag orgs = orgIds(q, org);
        return switch (type) {
            case "Organization" -> Frag.TRUE;
            // People and referrals of an open offer (a Task owned by this provider) too, minimised until placed.
            case "Patient" -> Frag.of(o + ".res_id in ").then(patients).or(Frag.of(o + ".res_id in ").then(offered(q, org, "patient")));
            case "ServiceRequest" -> Frag.of(o + ".res_id in ").then(orders).or(Frag.of(o + ".res_id in ").then(offered(q, org, "focus")));
            case "CarePlan" -> ref(q, o, type, "subject", "Patient", patients);
            case "Appointment" -> ref(q, o, type, "based-on", "ServiceRequest", orders)
                    .or(ref(q, o, type, "patient", "Patient", patients).and(ref(q, o, type, "actor", "Organization", orgs)));
            case "Encounter" -> ref(q, o, type, "based-on", "ServiceRequest", orders)
                    .or(ref(q, o, type, "subject", "Patient", patients).and(ref(q, o, type, "service-provider", "Organization", orgs)));
            case "Task" -> ref(q, o, type, "based-on", "ServiceRequest", orders)
                    .or(ref(q, o, type, "focus", "ServiceRequest", orders))
                    .or(ref(q, o, type, "patient", "Patient", patients).and(ref(q, o, type, "owner", "Organization", orgs)))
                    // Its own offers (brokerage): addressed to it, whoever the person is, unless they object to it.
                    .or(ref(q, o, type, "owner", "Organization", orgIds(q, org))
                            .and(ref(q, o, type, "patient", "Patient", objectors(q, "provider", org)).not()));
            case "Communication" -> ref(q, o, type, "sender", "Organization", orgs)
                    .or(ref(q, o, type, "recipient", "Organization", orgs).or(ref(q, o, type, "based-on", "ServiceRequest", orders))
                            .and(token(q, o, type, List.of("category"), SAFEGUARDING).not()));
            // Flags about their people, never safeguarding; access arrangements only while the order is open.
            case "Flag" -> ref(q, o, type, "subject", "Patient", patients)
                    .and(token(q, o, type, List.of("category", "code"), SAFEGUARDING).not())
                    .and(token(q, o, type, List.of("code"), ACCESS_ARRANGEMENT).not()
                            .or(ref(q, o, type, "subject", "Patient", grants(q, "provider", org, "patient_id", true))));
            case "Consent" -> ref(q, o, type, "patient", "Patient", patients);
            case "PractitionerRole" -> ref(q, o, type, "organization", "Organization", orgs);
            case "Practitioner" -> Frag.of(o + ".res_id in ").then(staff(q, orgs));
            default -> null;
        };
    }

    private Frag careWorker(Q q, Caller c, String o, String type) {
        Frag me = worker(q, c);
        return switch (type) {
            case "Organization" -> Frag.TRUE;
            case "Appointment" -> myVisit(q, c, o, me);
            case "Encounter" -> ref(q, o, type, "participant", "Practitioner", me)
                    .and(window(q, o, type))
                    .and(ref(q, o, type, "subject", "Patient", grants(q, "provider", c.org(), "patient_id", false)));
            case "Patient" -> {
                String a = q.alias("a");
                String p = q.alias("ap");
                yield Frag.of("exists (select 1 from fhir_resource " + a + " where " + a + ".tenant = " + T + " and "
                        + a + ".res_type = 'Appointment' and not " + a + ".deleted and ").then(myVisit(q, c, a, me))
                        .then(Frag.of(" and exists (select 1 from fhir_idx_ref " + p + " where " + p + ".tenant = " + T
                                + " and " + p + ".res_type = 'Appointment' and " + p + ".res_id = " + a + ".res_id and "
                                + p + ".param = 'patient' and " + p + ".target_id = " + o + ".res_id))"));
            }
            case "Flag" -> {
                // Only the access arrangements of the people on this worker's visits.
                Frag people = careWorker(q, c, "r2", "Patient");
                String r2 = "r2";
                yield token(q, o, type, List.of("code"), ACCESS_ARRANGEMENT)
                        .and(token(q, o, type, List.of("category", "code"), SAFEGUARDING).not())
                        .and(ref(q, o, type, "subject", "Patient", Frag.of("(select " + r2 + ".res_id from fhir_resource " + r2
                                + " where " + r2 + ".tenant = " + T + " and " + r2 + ".res_type = 'Patient' and ").then(people)
                                .then(Frag.of(")"))));
            }
            case "Practitioner" -> Frag.of(o + ".res_id in ").then(me);
            case "PractitionerRole" -> ref(q, o, type, "practitioner", "Practitioner", me);
            default -> null;
        };
    }

    private Frag myVisit(Q q, Caller c, String o, Frag me) {
        return ref(q, o, "Appointment", "actor", "Practitioner", me)
                .and(window(q, o, "Appointment"))
                .and(ref(q, o, "Appointment", "patient", "Patient", grants(q, "provider", c.org(), "patient_id", false)));
    }

    private Frag hospital(Q q, String org, String o, String type) {
        Frag orgs = orgIds(q, org);
        return switch (type) {
            case "Organization" -> Frag.TRUE;
            case "ServiceRequest" -> ref(q, o, type, "requester", "Organization", orgs);
            case "Task" -> ref(q, o, type, "focus", "ServiceRequest", referrals(q, orgs))
                    .or(ref(q, o, type, "based-on", "ServiceRequest", referrals(q, orgs)));
            case "Patient" -> {
                String s = q.alias("s");
                yield Frag.of("exists (select 1 from fhir_idx_ref " + s + " where " + s + ".tenant = " + T + " and "
                        + s + ".res_type = 'ServiceRequest' and " + s + ".param = 'subject' and " + s + ".target_type = 'Patient' and "
                        + s + ".target_id = " + o + ".res_id and " + s + ".res_id in ").then(referrals(q, orgs))
                        .then(Frag.of(")")).and(objected(q, o + ".res_id", "hospital", org).not());
            }
            default -> null;
        };
    }

    // ---- building blocks ---------------------------------------------------------------------------------------

    /** ids of the Organization resources that carry the caller's ODS code. */
    private static Frag orgIds(Q q, String ods) {
        String t = q.alias("t");
        return new Frag("(select " + t + ".res_id from fhir_idx_token " + t + " where " + t + ".tenant = " + T + " and "
                + t + ".res_type = 'Organization' and " + t + ".param = 'identifier' and " + t + ".system = ? and "
                + t + ".value = ?)", List.of(Canonical.ODS_ORGANIZATION, ods));
    }

    /** The ServiceRequests sent by one of the given organisations. */
    private static Frag referrals(Q q, Frag orgs) {
        String x = q.alias("rq");
        return Frag.of("(select " + x + ".res_id from fhir_idx_ref " + x + " where " + x + ".tenant = " + T + " and "
                + x + ".res_type = 'ServiceRequest' and " + x + ".param = 'requester' and " + x
                + ".target_type = 'Organization' and " + x + ".target_id in ").then(orgs).then(Frag.of(")"));
    }

    /** Patient or order ids the party holds a live grant for, less the people who object to it. */
    private Frag grants(Q q, String partyType, String party, String column, boolean openOnly) {
        String g = q.alias("g");
        return new Frag("(select " + g + "." + column + " from access_grant " + g + " where " + g + ".tenant = " + T
                + " and " + g + ".party_type = ? and " + g + ".party_id = ? and (" + g + ".valid_to is null or " + g
                + ".valid_to > now())" + (openOnly ? " and " + g + ".open" : "") + " and not ", List.of(partyType, party))
                .then(objected(q, g + ".patient_id", partyType, party)).then(Frag.of(")"));
    }

    /**
     * The {@code param} targets (patient or focus) of the open offers made to the caller: Tasks it owns that are
     * still requested, less the people who object to sharing with it.
     */
    private static Frag offered(Q q, String org, String param) {
        String x = q.alias("of");
        String p = q.alias("op");
        return new Frag("(select " + x + ".target_id from fhir_idx_ref " + x + " where " + x + ".tenant = " + T + " and "
                + x + ".res_type = 'Task' and " + x + ".param = ? and ", List.of(param))
                .then(ref(q, x, "Task", "owner", "Organization", orgIds(q, org)))
                .then(Frag.of(" and ")).then(token(q, x, "Task", List.of("status"), "requested"))
                .then(Frag.of(" and not exists (select 1 from fhir_idx_ref " + p + " where " + p + ".tenant = " + T + " and "
                        + p + ".res_type = 'Task' and " + p + ".res_id = " + x + ".res_id and " + p + ".param = 'patient' and "))
                .then(objected(q, p + ".target_id", "provider", org)).then(Frag.of("))"));
    }

    /** Patient ids that object to sharing with the party. */
    private static Frag objectors(Q q, String partyType, String party) {
        String x = q.alias("ob");
        return new Frag("(select " + x + ".patient_id from sharing_objection " + x + " where " + x + ".tenant = " + T + " and "
                + x + ".party_type in (?, '*') and " + x + ".party_id in (?, '*'))", List.of(partyType, party));
    }

    private static Frag objected(Q q, String patientCol, String partyType, String party) {
        String x = q.alias("ob");
        return new Frag("exists (select 1 from sharing_objection " + x + " where " + x + ".tenant = " + T + " and "
                + x + ".patient_id = " + patientCol + " and " + x + ".party_type in (?, '*') and " + x
                + ".party_id in (?, '*'))", List.of(partyType, party));
    }

    /** The Practitioner ids of the care worker: identifier = sub, employed (PractitionerRole) by the caller's org. */
    private static Frag worker(Q q, Caller c) {
        String t = q.alias("pt");
        String pp = q.alias("pp");
        String po = q.alias("po");
        return new Frag("(select " + t + ".res_id from fhir_idx_token " + t + " where " + t + ".tenant = " + T + " and "
                + t + ".res_type = 'Practitioner' and " + t + ".param = 'identifier' and " + t + ".value = ? and exists ("
                + "select 1 from fhir_idx_ref " + pp + " join fhir_idx_ref " + po + " on " + po + ".tenant = " + pp
                + ".tenant and " + po + ".res_type = 'PractitionerRole' and " + po + ".res_id = " + pp + ".res_id and "
                + po + ".param = 'organization' where " + pp + ".tenant = " + T + " and " + pp
                + ".res_type = 'PractitionerRole' and " + pp + ".param = 'practitioner' and " + pp + ".target_id = "
                + t + ".res_id and " + po + ".target_id in ", List.of(c.subject())).then(orgIds(q, c.org())).then(Frag.of("))"));
    }

    /** The Practitioners employed by one of the given organisations. */
    private static Frag staff(Q q, Frag orgs) {
        String pp = q.alias("sp");
        String po = q.alias("so");
        return Frag.of("(select " + pp + ".target_id from fhir_idx_ref " + pp + " join fhir_idx_ref " + po + " on "
                + po + ".tenant = " + pp + ".tenant and " + po + ".res_type = 'PractitionerRole' and " + po + ".res_id = "
                + pp + ".res_id and " + po + ".param = 'organization' where " + pp + ".tenant = " + T + " and " + pp
                + ".res_type = 'PractitionerRole' and " + pp + ".param = 'practitioner' and " + po + ".target_id in ")
                .then(orgs).then(Frag.of(")"));
    }

    /**
     * Does the candidate row {@code o} refer through {@code param} to one of {@code in}? A probe of that row's own
     * index rows (fhir_idx_ref_owner). A reference to the caller's own organisation ends in {@link #PROBE}: as a
     * hashed sub-plan it listed every row of the type naming that organisation on each statement (756 Appointments
     * of one provider for one week of Kent; its cost grew with the data, not with the candidates). References to
     * grant sets are left to the planner (hashed from the caller's grants, computed once per statement, suits a search
     * with no narrower criterion; docs/data-protection.md), unless the statement checks few rows ({@link Q#probes}):
     * then they are probes too (with generic plans the planner hashed them even for a read of one row).
     */
    private static Frag ref(Q q, String o, String type, String param, String targetType, Frag in) {
        String x = q.alias("x");
        return new Frag("exists (select 1 from fhir_idx_ref " + x + " where " + x + ".tenant = " + T + " and " + x
                + ".res_type = '" + type + "' and " + x + ".res_id = " + o + ".res_id and " + x + ".param = ? and "
                + x + ".target_type = ? and " + x + ".target_id in ", List.of(param, targetType)).then(in)
                .then(Frag.of(targetType.equals("Organization") || q.probes ? PROBE : ")"));
    }

    /**
     * The end of a correlated {@code exists} that must stay a probe: a sub-query with an offset is never pulled up
     * into a (hashed) semi-join nor given a hashed alternative, so it runs as an index probe per candidate row.
     */
    private static final String PROBE = " offset 0)";

    private static Frag token(Q q, String o, String type, List<String> params, String value) {
        String x = q.alias("k");
        return new Frag("exists (select 1 from fhir_idx_token " + x + " where " + x + ".tenant = " + T + " and " + x
                + ".res_type = '" + type + "' and " + x + ".res_id = " + o + ".res_id and " + x + ".param = any(?) and "
                + x + ".value = ?)", List.of(params.toArray(String[]::new), value));
    }

    /** From the start of today (UK time) to the end of the care-worker window. */
    private Frag window(Q q, String o, String type) {
        String d = q.alias("d");
        Instant from = LocalDate.now(UK).atStartOfDay(UK).toInstant();
        Instant to = Instant.now().plus(config.careWorkerWindow());
        return new Frag("exists (select 1 from fhir_idx_date " + d + " where " + d + ".tenant = " + T + " and " + d
                + ".res_type = '" + type + "' and " + d + ".res_id = " + o + ".res_id and " + d + ".param = 'date' and "
                + d + ".low >= ? and " + d + ".low < ?)", List.of(Timestamp.from(from), Timestamp.from(to)));
    }

    /** A piece of SQL and its arguments, in order. */
    record Frag(String sql, List<Object> args) {
        static final Frag TRUE = new Frag("true", List.of());

        static Frag of(String sql) {
            return new Frag(sql, List.of());
        }

        Frag then(Frag next) {
            List<Object> a = new ArrayList<>(args);
            a.addAll(next.args);
            return new Frag(sql + next.sql, a);
        }

        Frag and(Frag other) {
            return Frag.of("(").then(this).then(Frag.of(" and ")).then(other).then(Frag.of(")"));
        }

        Frag or(Frag other) {
            return Frag.of("(").then(this).then(Frag.of(" or ")).then(other).then(Frag.of(")"));
        }

        Frag not() {
            return Frag.of("not ").then(this);
        }
    }

    /** Fresh table aliases, so nested sub-queries never capture each other's columns; and the form of the checks. */
    static final class Q {
        /** Every reference check a per-row probe (a statement over few candidate rows). */
        final boolean probes;
        private int n;

        Q(boolean probes) {
            this.probes = probes;
        }

        String alias(String prefix) {
            return prefix + (n++);
        }
    }

    static final Set<String> PATIENT_PARAMS = Set.of("patient", "subject");
}
