package org.carebridge.gateway.security;

import io.micronaut.context.env.Environment;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.carebridge.gateway.audit.AuditLog;
import org.carebridge.gateway.audit.AuditRecord;
import org.carebridge.gateway.store.ResourceStore;
import org.carebridge.gateway.tenant.TenantConfig;
import org.carebridge.gateway.tenant.TenantRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Retention: {@code carebridge.retention.periods.<ResourceType>: P2Y} (ISO-8601 durations). A purge removes,
 * per type, superseded versions, deleted resources and current resources not written for the whole period (with
 * their history, index rows, grants and objections), and expired access grants. The audit log is never purged. Each
 * tenant's purge is itself an audit event. Scheduled daily when {@code carebridge.retention.enabled=true}.
 */
@Singleton
public class RetentionJob {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
    private final ResourceStore store;
    private final TenantRegistry tenants;
    private final AuditLog audit;
    private final Map<String, Duration> periods = new TreeMap<>();

    private final boolean enabled;

    public RetentionJob(ResourceStore store, TenantRegistry tenants, AuditLog audit, Environment env) {
        this.enabled = env.getProperty("carebridge.retention.enabled", Boolean.class).orElse(false);
        this.store = store;
        this.tenants = tenants;
        this.audit = audit;
        for (String name : env.getPropertyEntries("carebridge.retention.periods")) {
            String key = "carebridge.retention.periods." + name;
            // Configuration keys come back normalised (lower case, hyphens): find the resource type they name.
            String type = org.carebridge.gateway.search.SearchParameterRegistry.RESOURCE_TYPES.stream().map(Class::getSimpleName)
                    .filter(t -> t.equalsIgnoreCase(name.replace("-", ""))).findFirst()
                    .orElseThrow(() -> new IllegalStateException(key + ": not a resource type the gateway stores"));
            String v = env.getProperty(key, String.class).orElseThrow();
            try {
                periods.put(type, Duration.parse(v.startsWith("P") && v.contains("Y") ? years(v) : v));
            } catch (RuntimeException e) {
                throw new IllegalStateException(key + ": '" + v + "' is not an ISO-8601 duration such as P400D or P2Y");
            }
        }
    }

    /** Duration cannot hold years; P2Y is read as 2 x 365 days (retention is never that exact). */
    private static String years(String v) {
        java.time.Period p = java.time.Period.parse(v);
        return "P" + (p.getYears() * 365L + p.getMonths() * 30L + p.getDays()) + "D";
    }

    public Map<String, Duration> periods() {
        return periods;
    }

    @Scheduled(fixedDelay = "${carebridge.retention.interval:24h}", initialDelay = "${carebridge.retention.initial-delay:1h}")
    void scheduled() {
        if (!enabled) return;
        for (TenantConfig t : tenants.all()) {
            try {
                purge(t.id(), Instant.now(), "system/retention");
            } catch (RuntimeException e) {
                LOG.error("retention purge failed for tenant {}", t.id(), e);
            }
        }
    }

    /** Purges one tenant as of {@code now}; returns rows removed per type (and "access_grant"). */
    public Map<String, Integer> purge(String tenant, Instant now, String by) {
        List<String> purged = new java.util.ArrayList<>();
        Map<String, Integer> removed = store.inTenant(tenant, s -> {
            Map<String, Integer> out = new LinkedHashMap<>();
            for (var e : periods.entrySet()) {
                Timestamp cutoff = Timestamp.from(now.minus(e.getValue()));
                int n = exec(s.connection(), "delete from fhir_resource_version v where v.tenant = ? and v.res_type = ?"
                        + " and v.last_updated < ? and v.version < (select r.version from fhir_resource r where r.tenant = v.tenant"
                        + " and r.res_type = v.res_type and r.res_id = v.res_id)", tenant, e.getKey(), cutoff);
                n += exec(s.connection(), "delete from fhir_resource_version v where v.tenant = ? and v.res_type = ? and exists"
                        + " (select 1 from fhir_resource r where r.tenant = v.tenant and r.res_type = v.res_type and r.res_id = v.res_id"
                        + " and r.deleted and r.last_updated < ?)", tenant, e.getKey(), cutoff);
                n += exec(s.connection(), "delete from fhir_resource where tenant = ? and res_type = ? and deleted and last_updated < ?",
                        tenant, e.getKey(), cutoff);
                // Current resources not written for the whole period go too, with their history and index rows.
                List<String> ids = purgeCurrent(s.connection(), tenant, e.getKey(), cutoff);
                out.put(e.getKey(), n + ids.size());
                if (!ids.isEmpty()) {
                    out.put(e.getKey() + ".current", ids.size());
                    ids.stream().limit(200).forEach(id -> purged.add(e.getKey() + "/" + id));
                }
            }
            out.put("access_grant", exec(s.connection(), "delete from access_grant where tenant = ? and valid_to < ?",
                    tenant, Timestamp.from(now)));
            return out;
        });
        audit.appendNow(AuditRecord.of(tenant, "purge", 200, by, "", "system", "", "retention", "",
                "retention " + periods + (purged.isEmpty() ? "" : " -> " + String.join(" ", purged)), List.of(), removed.toString()));
        return removed;
    }

    /** Deletes the current resources of a type last written before the cutoff; returns their ids. */
    private static List<String> purgeCurrent(java.sql.Connection c, String tenant, String type, Timestamp cutoff) throws SQLException {
        List<String> ids = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("delete from fhir_resource where tenant = ? and res_type = ? and not deleted"
                + " and last_updated < ? returning res_id")) {
            ps.setString(1, tenant);
            ps.setString(2, type);
            ps.setTimestamp(3, cutoff);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getString(1));
            }
        }
        if (ids.isEmpty()) return ids;
        java.sql.Array arr = c.createArrayOf("text", ids.toArray(String[]::new));
        for (String table : List.of("fhir_resource_version", "fhir_idx_token", "fhir_idx_ref", "fhir_idx_date")) {
            exec(c, "delete from " + table + " where tenant = ? and res_type = ? and res_id = any(?)", tenant, type, arr);
        }
        // What was derived from them: an order's grants, a consent's objections.
        if (type.equals("ServiceRequest")) exec(c, "delete from access_grant where tenant = ? and order_id = any(?)", tenant, arr);
        if (type.equals("Consent")) exec(c, "delete from sharing_objection where tenant = ? and consent_id = any(?)", tenant, arr);
        return ids;
    }

    private static int exec(java.sql.Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            return ps.executeUpdate();
        }
    }
}
