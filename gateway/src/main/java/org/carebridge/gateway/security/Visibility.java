package org.carebridge.gateway.security;

import jakarta.inject.Singleton;
import org.carebridge.gateway.store.ResourceStore;
import org.carebridge.gateway.store.SearchSpec.Restriction;
import org.carebridge.gateway.store.StoreSession;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    public Visibility(SecurityConfig config, ResourceStore store) {
        this.policy = new AccessPolicy(config);
        this.store = store;
    }

    public AccessPolicy policy() {
        return policy;
    }

    public Set<String> visible(Caller c, String type, Collection<String> ids) {
        if (ids.isEmpty()) return Set.of();
        AccessPolicy.Access a = policy.readAccess(c, type);
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
}
