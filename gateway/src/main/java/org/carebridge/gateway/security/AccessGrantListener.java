package org.carebridge.gateway.security;

import jakarta.inject.Singleton;
import org.carebridge.gateway.fhir.WriteListener;
import org.carebridge.gateway.store.StoreSession;
import org.carebridge.gateway.store.StoredResource;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps {@code access_grant} (orders → which provider may see which person, until when) and
 * {@code sharing_objection} (Consent deny provisions) in step with the resources, in the writing transaction.
 */
@Singleton
public class AccessGrantListener implements WriteListener {
    /** SharingScope codes of an objection without a named party, as mapped from Mosaic. */
    private static final String SHARING_SCOPE = Canonical.codeSystem("SharingScope");

    private final SecurityConfig config;

    public AccessGrantListener(SecurityConfig config) {
        this.config = config;
    }

    @Override
    public boolean takes(String type) {
        return switch (type) {
            case "ServiceRequest", "Consent", "Organization" -> true;
            default -> false;
        };
    }

    @Override
    public void afterWrite(StoreSession s, String interaction, String type, String id, Resource resource)
            throws SQLException {
        switch (type) {
            case "ServiceRequest" -> order(s, id, (ServiceRequest) resource);
            case "Consent" -> consent(s, id, (Consent) resource);
            case "Organization" -> organization(s, id, (Organization) resource);
            default -> { }
        }
    }

    /**
     * A group's writes: the orders' grants in three round trips for the lot (one delete, one read of the
     * Organizations they name, one insert batch) instead of three per order; the rest one by one, after the orders
     * (an Organization's update then carries its ODS code to grants written before, as it does one by one).
     */
    @Override
    public void afterWrites(StoreSession s, List<Write> writes) throws SQLException {
        Map<String, ServiceRequest> orders = new LinkedHashMap<>();
        List<Write> others = new ArrayList<>();
        for (Write w : writes) {
            if ("ServiceRequest".equals(w.resourceType())) {
                orders.remove(w.id()); // the last write of an order is the one that counts
                orders.put(w.id(), (ServiceRequest) w.resource());
            } else {
                others.add(w);
            }
        }
        if (!orders.isEmpty()) {
            Connection c = s.connection();
            try (PreparedStatement ps = c.prepareStatement("delete from access_grant where tenant = ? and order_id = any(?)")) {
                ps.setString(1, s.tenant());
                ps.setArray(2, c.createArrayOf("text", orders.keySet().toArray()));
                ps.executeUpdate();
            }
            Map<String, String> ods = odsOfOrganizations(s, orders.values());
            try (PreparedStatement ps = c.prepareStatement(GRANT_INSERT)) {
                int n = 0;
                for (Map.Entry<String, ServiceRequest> o : orders.entrySet()) {
                    n += addGrants(s, ps, o.getKey(), o.getValue(), ods);
                }
                if (n > 0) ps.executeBatch();
            }
        }
        for (Write w : others) afterWrite(s, w.interaction(), w.resourceType(), w.id(), w.resource());
    }

    /** The ODS code ("" if none) of each Organization the orders' performers reference by id, read at once. */
    private static Map<String, String> odsOfOrganizations(StoreSession s, java.util.Collection<ServiceRequest> orders)
            throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        for (ServiceRequest sr : orders) {
            if (sr == null) continue;
            for (Reference performer : sr.getPerformer()) {
                var el = performer.getReferenceElement();
                if (el.hasIdPart() && "Organization".equals(el.getResourceType())) ids.add(el.getIdPart());
            }
        }
        Map<String, String> out = new HashMap<>();
        for (StoredResource org : s.readAll("Organization", ids)) out.put(org.id(), odsOf(org));
        return out;
    }

    private static final String GRANT_INSERT = "insert into access_grant (tenant, order_id, party_type, party_id,"
            + " party_ref, patient_id, valid_to, open) values (?, ?, 'provider', ?, ?, ?, ?, ?)";

    private void order(StoreSession s, String id, ServiceRequest sr) throws SQLException {
        Connection c = s.connection();
        update(c, "delete from access_grant where tenant = ? and order_id = ?", s.tenant(), id);
        try (PreparedStatement ps = c.prepareStatement(GRANT_INSERT)) {
            if (addGrants(s, ps, id, sr, null) > 0) ps.executeBatch();
        }
    }

    /**
     * Adds the order's grant rows to the insert batch; returns how many. {@code ods}: Organization id -> ODS code
     * read beforehand (a missing id: none stored), or null to read each one.
     */
    private int addGrants(StoreSession s, PreparedStatement ps, String id, ServiceRequest sr, Map<String, String> ods)
            throws SQLException {
        if (sr == null || !sr.getSubject().getReferenceElement().hasIdPart()
                || !"Patient".equals(sr.getSubject().getReferenceElement().getResourceType())) return 0;
        String patient = sr.getSubject().getReferenceElement().getIdPart();
        Instant now = Instant.now();
        Instant end = sr.hasOccurrencePeriod() && sr.getOccurrencePeriod().hasEnd()
                ? sr.getOccurrencePeriod().getEnd().toInstant() : null;
        boolean live;
        switch (sr.getStatus() == null ? ServiceRequest.ServiceRequestStatus.NULL : sr.getStatus()) {
            case DRAFT, ACTIVE, ONHOLD -> live = end == null || end.isAfter(now);
            case COMPLETED, REVOKED -> {
                live = false;
                if (end == null || end.isAfter(now)) end = now;
            }
            default -> { return 0; } // entered-in-error, unknown: no one gains access
        }
        Timestamp validTo = end == null ? null : Timestamp.from(end.plus(config.handoverGrace()));
        int n = 0;
        for (Reference performer : sr.getPerformer()) {
            String[] party = ods == null ? party(s, performer) : party(performer, ods);
            if (party == null) continue;
            ps.setString(1, s.tenant());
            ps.setString(2, id);
            ps.setString(3, party[0]);
            ps.setString(4, party[1]);
            ps.setString(5, patient);
            ps.setTimestamp(6, validTo);
            ps.setBoolean(7, live);
            ps.addBatch();
            n++;
        }
        return n;
    }

    /** As {@link #party(StoreSession, Reference)}, with the Organizations' ODS codes already read. */
    private static String[] party(Reference ref, Map<String, String> ods) {
        Identifier idf = ref.getIdentifier();
        if (idf != null && Canonical.ODS_ORGANIZATION.equals(idf.getSystem()) && idf.hasValue()) {
            return new String[]{idf.getValue(), Canonical.ODS_ORGANIZATION + "|" + idf.getValue()};
        }
        var el = ref.getReferenceElement();
        if (!el.hasIdPart() || !"Organization".equals(el.getResourceType())) return null;
        return new String[]{ods.getOrDefault(el.getIdPart(), ""), "Organization/" + el.getIdPart()};
    }

    /** {ODS code or "", party_ref} of an Organization reference; null when it names no organisation. */
    private static String[] party(StoreSession s, Reference ref) throws SQLException {
        Map<String, String> ods = new HashMap<>();
        var el = ref.getReferenceElement();
        if (el.hasIdPart() && "Organization".equals(el.getResourceType())) {
            var org = s.read("Organization", el.getIdPart());
            if (org.isPresent() && !org.get().deleted()) ods.put(el.getIdPart(), odsOf(org.get()));
        }
        return party(ref, ods);
    }

    private static String odsOf(StoredResource org) {
        Organization o = (Organization) ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().parseResource(org.json());
        return ods(o);
    }

    private static String ods(Organization o) {
        if (o == null) return "";
        return o.getIdentifier().stream().filter(i -> Canonical.ODS_ORGANIZATION.equals(i.getSystem()) && i.hasValue())
                .map(Identifier::getValue).findFirst().orElse("");
    }

    private void organization(StoreSession s, String id, Organization org) throws SQLException {
        // Grants written before the Organization was known (or after its ODS code changed) follow it.
        update(s.connection(), "update access_grant set party_id = ? where tenant = ? and party_ref = ?",
                ods(org), s.tenant(), "Organization/" + id);
        update(s.connection(), "update sharing_objection set party_id = ? where tenant = ? and party_ref = ?",
                ods(org), s.tenant(), "Organization/" + id);
    }

    private void consent(StoreSession s, String id, Consent consent) throws SQLException {
        Connection c = s.connection();
        update(c, "delete from sharing_objection where tenant = ? and consent_id = ?", s.tenant(), id);
        if (consent == null || consent.getStatus() != Consent.ConsentState.ACTIVE
                || consent.getProvision().getType() != Consent.ConsentProvisionType.DENY) return;
        var p = consent.getPatient().getReferenceElement();
        if (!p.hasIdPart() || !"Patient".equals(p.getResourceType())) return;
        Date now = new Date();
        if (consent.getProvision().hasPeriod() && consent.getProvision().getPeriod().hasEnd()
                && consent.getProvision().getPeriod().getEnd().before(now)) return;
        List<String[]> parties = new ArrayList<>();
        for (Consent.provisionActorComponent actor : consent.getProvision().getActor()) {
            // Kept even while the Organization is unknown ('' matches no one): its later write fills in the code.
            String[] party = party(s, actor.getReference());
            if (party != null) parties.add(new String[]{"*", party[0], party[1]});
        }
        boolean scoped = false;
        for (var cat : consent.getCategory()) {
            for (var coding : cat.getCoding()) {
                if (!SHARING_SCOPE.equals(coding.getSystem())) continue;
                scoped = true;
                switch (String.valueOf(coding.getCode())) {
                    case "provider" -> parties.add(new String[]{"provider", "*", ""});
                    case "health" -> parties.add(new String[]{"hospital", "*", ""});
                    case "all" -> parties.add(new String[]{"*", "*", ""});
                    // The national data opt-out: no use beyond individual care (reporting, planning, research).
                    case "national-opt-out" -> parties.add(new String[]{"reporting", "*", ""});
                    default -> { }
                }
            }
        }
        // A deny that names no party and no scope objects to all sharing beyond the council.
        if (parties.isEmpty() && consent.getProvision().getActor().isEmpty() && !scoped) parties.add(new String[]{"*", "*", ""});
        try (PreparedStatement ps = c.prepareStatement("insert into sharing_objection (tenant, consent_id, patient_id,"
                + " party_type, party_id, party_ref) values (?, ?, ?, ?, ?, ?)")) {
            for (String[] party : parties) {
                ps.setString(1, s.tenant());
                ps.setString(2, id);
                ps.setString(3, p.getIdPart());
                ps.setString(4, party[0]);
                ps.setString(5, party[1]);
                ps.setString(6, party[2]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            ps.executeUpdate();
        }
    }

    static boolean exists(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
