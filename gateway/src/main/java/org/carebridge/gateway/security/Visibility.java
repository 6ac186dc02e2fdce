package org.carebridge.gateway.security;

import ca.uhn.fhir.context.FhirContext;
import jakarta.inject.Singleton;
import org.carebridge.gateway.search.IndexEntries;
import org.carebridge.gateway.search.SearchParameterRegistry;
import org.carebridge.gateway.store.ResourceStore;
import org.carebridge.gateway.store.SearchSpec.Restriction;
import org.carebridge.gateway.store.StoreSession;
import org.carebridge.gateway.store.StoredResource;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Applies {@link AccessPolicy} to given ids: which of them may this caller see? */
@Singleton
public class Visibility {

    private final AccessPolicy policy;
    private final ResourceStore store;
    private final SearchParameterRegistry registry;
    private final FhirContext ctx;

    public Visibility(SecurityConfig config, ResourceStore store, SearchParameterRegistry registry, FhirContext ctx) {
        this.policy = new AccessPolicy(config);
        this.store = store;
        this.registry = registry;
        this.ctx = ctx;
    }

    public AccessPolicy policy() {
        return policy;
    }

    public Set<String> visible(Caller c, String type, Collection<String> ids) {
        if (ids.isEmpty()) return Set.of();
        AccessPolicy.Access a = policy.readAccess(c, type, true); // given ids: probes
        if (a instanceof AccessPolicy.Deny) return Set.of();
        return store.inTenant(c.tenant(), s -> visible(s, a, type, ids));
    }

    /** Ids of the Organization resources that carry the caller's ODS code. */
    public Set<String> ownOrganizations(Caller c) {
        return store.inTenant(c.tenant(), s -> {
            try (PreparedStatement ps = s.connection().prepareStatement("select res_id from fhir_idx_token where tenant = ?"
                    + " and res_type = 'Organization' and param = 'identifier' and system = ? and value = ?")) {
                ps.setString(1, s.tenant());
                ps.setString(2, org.carebridge.profiles.Canonical.ODS_ORGANIZATION);
                ps.setString(3, c.org());
                Set<String> out = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
                return out;
            }
        });
    }

    /** The current version of a resource (deleted: empty), for write checks that compare with what is stored. */
    public java.util.Optional<Resource> current(Caller c, String type, String id) {
        return store.inTenant(c.tenant(), s -> s.read(type, id)).filter(r -> !r.deleted())
                .map(r -> (Resource) ctx.newJsonParser().parseResource(r.json()));
    }

    /** The orders among {@code ids} placed with the calling provider (a live grant), not merely offered to it. */
    public Set<String> assignedOrders(Caller c, Collection<String> ids) {
        if (ids.isEmpty() || c.party() != Caller.Party.PROVIDER) return Set.of();
        return store.inTenant(c.tenant(), s -> {
            try (PreparedStatement ps = s.connection().prepareStatement("select order_id from access_grant where tenant = ?"
                    + " and party_type = 'provider' and party_id = ? and order_id = any(?) and (valid_to is null or valid_to > now())")) {
                ps.setString(1, s.tenant());
                ps.setString(2, c.org());
                ps.setArray(3, s.connection().createArrayOf("text", ids.toArray(String[]::new)));
                Set<String> out = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
                return out;
            }
        });
    }

    /** Inside a caller's own transaction: the ids of {@code type} it may see, in the given order. */
    List<String> visibleIn(StoreSession s, Caller c, String type, List<String> ids) throws SQLException {
        AccessPolicy.Access a = policy.readAccess(c, type, true);
        if (a instanceof AccessPolicy.Deny || ids.isEmpty()) return List.of();
        if (a instanceof AccessPolicy.All) return ids;
        Set<String> ok = visible(s, a, type, ids);
        return ids.stream().filter(ok::contains).toList();
    }

    public boolean visible(Caller c, String type, String id) {
        return visible(c, type, List.of(id)).contains(id);
    }

    private static Set<String> visible(StoreSession s, AccessPolicy.Access a, String type, Collection<String> ids)
            throws SQLException {
        StringBuilder sql = new StringBuilder("select r.res_id from fhir_resource r where r.tenant = ? and r.res_type = ?"
                + " and r.res_id = any(?)");
        List<Object> args = new ArrayList<>();
        if (a instanceof AccessPolicy.Where w) {
            Restriction r = w.restriction();
            sql.append(" and (").append(r.sql()).append(')');
            args.addAll(r.args());
        }
        try (PreparedStatement ps = s.connection().prepareStatement(sql.toString())) {
            ps.setString(1, s.tenant());
            ps.setString(2, type);
            ps.setArray(3, s.connection().createArrayOf("text", ids.toArray(String[]::new)));
            for (int i = 0; i < args.size(); i++) {
                Object o = args.get(i);
                if (o instanceof String[] arr) ps.setArray(i + 4, s.connection().createArrayOf("text", arr));
                else ps.setObject(i + 4, o);
            }
            Set<String> out = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }
    }

    // ---- versions ----------------------------------------------------------------------------------------------

    /**
     * The versions of a visible resource the caller may see (vread, {@code _history}). The current version is seen
     * when the resource is; an earlier version only if the caller could have seen that version's own content: the
     * same relationship rule is evaluated with the version's index rows in place of the current ones (swapped in a
     * savepoint that is always rolled back, so nothing is ever written). A provider also never sees an earlier
     * version of an order that named another provider. Deletion markers carry no content and stay.
     */
    public List<StoredResource> visibleVersions(Caller c, String type, String id, List<StoredResource> versions) {
        AccessPolicy.Access a = policy.readAccess(c, type, true);
        if (a instanceof AccessPolicy.All || versions.isEmpty()) return versions;
        if (a instanceof AccessPolicy.Deny) return List.of();
        Set<String> ownOrgs = c.party() == Caller.Party.PROVIDER && type.equals("ServiceRequest") ? ownOrganizations(c) : Set.of();
        return store.inTenant(c.tenant(), s -> {
            if (visible(s, a, type, List.of(id)).isEmpty()) return List.of();
            Connection con = s.connection();
            // Readers of one resource's versions take turns, so their swaps of its index rows never wait on each other.
            s.lockKey("version-visibility " + type + "/" + id);
            long current;
            // Shared lock on the current row: a concurrent writer of this resource waits for us (never the reverse).
            try (PreparedStatement ps = con.prepareStatement("select version from fhir_resource where tenant = ? and res_type = ?"
                    + " and res_id = ? for share")) {
                ps.setString(1, s.tenant());
                ps.setString(2, type);
                ps.setString(3, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return List.of();
                    current = rs.getLong(1);
                }
            }
            List<StoredResource> out = new ArrayList<>();
            for (StoredResource v : versions) {
                if (v.version() == current || v.deleted()) {
                    out.add(v);
                    continue;
                }
                Resource r = (Resource) ctx.newJsonParser().parseResource(v.json());
                if (r instanceof ServiceRequest sr && c.party() == Caller.Party.PROVIDER && namesOtherProvider(sr, c, ownOrgs)) continue;
                Savepoint sp = con.setSavepoint();
                try {
                    s.replaceIndexRows(type, id, IndexEntries.extract(registry, r));
                    if (!visible(s, a, type, List.of(id)).isEmpty()) out.add(v);
                } finally {
                    con.rollback(sp);
                }
            }
            return out;
        });
    }

    /** vread: may the caller see this version? A version that does not exist is left to the store to answer. */
    public boolean versionVisible(Caller c, String type, String id, long version) {
        if (policy.readAccess(c, type) instanceof AccessPolicy.All) return true;
        var v = store.inTenant(c.tenant(), s -> s.readVersion(type, id, version));
        return v.isEmpty() || !visibleVersions(c, type, id, List.of(v.get())).isEmpty();
    }

    private static boolean namesOtherProvider(ServiceRequest sr, Caller c, Set<String> ownOrgs) {
        for (Reference p : sr.getPerformer()) {
            if (p.hasIdentifier() && Canonical.ODS_ORGANIZATION.equals(p.getIdentifier().getSystem())) {
                if (!c.org().equals(p.getIdentifier().getValue())) return true;
            } else if ("Organization".equals(p.getReferenceElement().getResourceType())) {
                if (!ownOrgs.contains(p.getReferenceElement().getIdPart())) return true;
            } else if (p.hasReference()) {
                return true; // a performer that is not an organisation is not this provider
            }
        }
        return false;
    }

}
