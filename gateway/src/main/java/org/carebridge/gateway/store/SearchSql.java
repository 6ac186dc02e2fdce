package org.carebridge.gateway.store;

import org.carebridge.gateway.search.SearchParameterRegistry;
import org.carebridge.gateway.store.SearchSpec.*;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns a {@link SearchSpec} into one parameterised SQL statement over the resource table and its indexes. */
final class SearchSql {
    /** The search's own criteria (tenant, type, parameters). */
    private final StringBuilder where = new StringBuilder();
    /** What the caller may see (data protection), checked after the criteria: see {@link #from()}. */
    private final StringBuilder restrictions = new StringBuilder();
    final List<Object> args = new ArrayList<>();
    /** The spec names particular resources (a reference or ids): those lead, codes are checked per candidate. */
    private boolean namesResources;

    private SearchSql() {}

    static SearchSql of(String tenant, SearchSpec spec) {
        SearchSql q = new SearchSql();
        q.where.append("r.tenant = ? and r.res_type = ? and not r.deleted");
        q.args.add(tenant);
        q.args.add(spec.resourceType());
        q.namesResources = spec.criteria().stream().anyMatch(c -> c instanceof RefAny || c instanceof IdIn);
        // The date criteria of a dated reference are tested on its index rows, which carry the resource's one date.
        Set<String> folded = new HashSet<>();
        for (Criterion c : spec.criteria()) {
            String dateParam = datedBy(spec, c);
            if (dateParam != null && !datesOf(spec, dateParam).isEmpty()) folded.add(dateParam);
        }
        for (Criterion c : spec.criteria()) {
            if (c instanceof DateMatch d && folded.contains(d.param())) continue;
            q.where.append(" and ");
            String dateParam = datedBy(spec, c);
            if (dateParam != null && folded.contains(dateParam)) {
                q.reference((RefAny) c, datesOf(spec, dateParam));
            } else {
                q.criterion(c);
            }
        }
        for (Restriction r : spec.restrictions()) {
            q.restrictions.append(q.restrictions.isEmpty() ? "(" : " and (").append(r.sql()).append(')');
            q.args.addAll(r.args());
        }
        return q;
    }

    /** The date parameter whose value this criterion's index rows carry, if it is a dated reference; else null. */
    private static String datedBy(SearchSpec spec, Criterion c) {
        return c instanceof RefAny ref ? SearchParameterRegistry.datedBy(spec.resourceType(), ref.param()) : null;
    }

    private static List<DateMatch> datesOf(SearchSpec spec, String dateParam) {
        return spec.criteria().stream().filter(c -> c instanceof DateMatch d && d.param().equals(dateParam))
                .map(c -> (DateMatch) c).toList();
    }

    /**
     * The FROM and WHERE clauses over {@code fhir_resource r}, taking {@link #args} in order. When the spec names
     * particular resources (a person's visits), the restrictions are checked only on the rows that meet the criteria:
     * otherwise PostgreSQL's plan probed the caller's visibility (access grant, objections: ~10 index pages) on every
     * candidate of the reference before its date criteria, which a provider's search for two days of a person's
     * week discards three times in four (588 -> 388 buffers per search). A sub-query with an offset is not pulled up,
     * so its criteria run first; with a broad criterion the plain form keeps the ordered scan that stops at the page.
     */
    String from() {
        if (restrictions.isEmpty()) return "fhir_resource r where " + where;
        if (namesResources) return "(select r.* from fhir_resource r where " + where + " offset 0) r where " + restrictions;
        return "fhir_resource r where " + where + " and " + restrictions;
    }

    String orderBy(SearchSpec spec) {
        if (spec.sort().isEmpty()) {
            return " order by r.res_id";
        }
        StringBuilder sb = new StringBuilder(" order by ");
        for (SortKey k : spec.sort()) {
            String dir = k.descending() ? " desc nulls last" : " asc nulls last";
            switch (k.param()) {
                case "_lastUpdated" -> sb.append("r.last_updated").append(dir);
                case "_id" -> sb.append("r.res_id").append(dir);
                default -> {
                    sb.append("(select ").append(k.descending() ? "max(d.high)" : "min(d.low)")
                            .append(" from fhir_idx_date d where d.tenant = r.tenant and d.res_type = r.res_type"
                                    + " and d.res_id = r.res_id and d.param = ?)").append(dir);
                    args.add(k.param());
                }
            }
            sb.append(", ");
        }
        return sb.append("r.res_id").toString();
    }

    private void criterion(Criterion c) {
        if (c instanceof IdIn id) {
            where.append("r.res_id = any(?)");
            args.add(id.ids().toArray(String[]::new));
        } else if (c instanceof LastUpdated lu) {
            dateCondition("r.last_updated", "r.last_updated", lu.bound());
        } else if (c instanceof TokenAny t) {
            token(t);
        } else if (c instanceof RefAny ref) {
            reference(ref, List.of());
        } else if (c instanceof DateMatch d) {
            where.append("exists (select 1 from fhir_idx_date d where d.tenant = r.tenant and d.res_type = r.res_type"
                    + " and d.res_id = r.res_id and d.param = ? and ");
            args.add(d.param());
            anyOf(d, "d");
            where.append(")");
        } else if (c instanceof Missing m) {
            where.append(m.missing() ? "not " : "").append("exists (select 1 from ").append(m.table())
                    .append(" x where x.tenant = r.tenant and x.res_type = r.res_type and x.res_id = r.res_id and x.param = ?)");
            args.add(m.param());
        } else {
            throw new IllegalArgumentException("criterion " + c);
        }
    }

    private void token(TokenAny t) {
        where.append(t.negated() ? "not " : "")
                .append("exists (select 1 from fhir_idx_token x where x.tenant = r.tenant and x.res_type = r.res_type"
                        + " and x.res_id = r.res_id and x.param = ? and (");
        args.add(t.param());
        for (int i = 0; i < t.values().size(); i++) {
            TokenValue v = t.values().get(i);
            if (i > 0) where.append(" or ");
            where.append("(x.value = ?");
            args.add(v.value());
            if (v.systemGiven()) {
                if (v.system() == null) {
                    where.append(" and x.system is null");
                } else {
                    where.append(" and x.system = ?");
                    args.add(v.system());
                }
            }
            where.append(')');
        }
        // With row-level security on, PostgreSQL's generic plan for "reference and code" (a person's active plans,
        // a referral's brokerage Task) led with the code's index rows: every active CarePlan of the tenant, 42 ms at
        // 3,000 Tasks and growing with the caseload. A sub-query with an offset is never pulled up into a join, so
        // the code becomes a probe of each candidate the reference (a handful of rows) yields. Identifiers stay
        // free to lead: they are as narrow as a reference.
        where.append(namesResources && !t.negated() && !t.param().equals("identifier") ? ") offset 0)" : "))");
    }

    /** One date criterion, an OR of its bounds, on the low and high columns of the alias given. */
    private void anyOf(DateMatch d, String alias) {
        where.append('(');
        for (int i = 0; i < d.anyOf().size(); i++) {
            if (i > 0) where.append(" or ");
            where.append('(');
            dateCondition(alias + ".low", alias + ".high", d.anyOf().get(i));
            where.append(')');
        }
        where.append(')');
    }

    /**
     * A reference criterion; with {@code dates} (the criteria of its {@link SearchParameterRegistry#datedBy} parameter)
     * also tested on the same index row, which the partial index {@code fhir_idx_ref_dated} then answers as one range
     * of the person's rows ordered by date.
     */
    private void reference(RefAny ref, List<DateMatch> dates) {
        where.append("exists (select 1 from fhir_idx_ref x where x.tenant = r.tenant and x.res_type = r.res_type"
                + " and x.res_id = r.res_id and x.param = ? and (");
        args.add(ref.param());
        for (int i = 0; i < ref.values().size(); i++) {
            RefValue v = ref.values().get(i);
            if (i > 0) where.append(" or ");
            where.append("(x.target_id = ?");
            args.add(v.targetId());
            if (v.targetType() != null) {
                where.append(" and x.target_type = ?");
                args.add(v.targetType());
            }
            where.append(')');
        }
        where.append(')');
        if (!dates.isEmpty()) {
            where.append(" and x.low is not null");
            for (DateMatch d : dates) {
                where.append(" and ");
                anyOf(d, "x");
            }
        }
        where.append(')');
    }

    /** FHIR date prefixes against a stored range [lowCol, highCol] (null columns mean open-ended). */
    private void dateCondition(String lowCol, String highCol, DateBound b) {
        OffsetDateTime pl = ts(b.low());
        OffsetDateTime ph = ts(b.high());
        switch (b.prefix()) {
            case "eq" -> { where.append(lowCol).append(" >= ? and ").append(highCol).append(" <= ?"); args.add(pl); args.add(ph); }
            case "ne" -> { where.append("not (").append(lowCol).append(" >= ? and ").append(highCol).append(" <= ?)"); args.add(pl); args.add(ph); }
            case "gt" -> { where.append(highCol).append(" > ?"); args.add(ph); }
            case "lt" -> { where.append(lowCol).append(" < ?"); args.add(pl); }
            case "ge" -> { where.append(highCol).append(" >= ?"); args.add(pl); }
            case "le" -> { where.append(lowCol).append(" <= ?"); args.add(ph); }
            case "sa" -> { where.append(lowCol).append(" > ?"); args.add(ph); }
            case "eb" -> { where.append(highCol).append(" < ?"); args.add(pl); }
            case "ap" -> { where.append(lowCol).append(" <= ? and ").append(highCol).append(" >= ?"); args.add(ph); args.add(pl); }
            default -> throw new IllegalArgumentException("date prefix " + b.prefix());
        }
    }

    /** Bound as timestamptz values: the driver formats them directly, where a Timestamp goes through a Calendar. */
    static OffsetDateTime ts(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
