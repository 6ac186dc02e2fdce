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
import java.util.List;

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
    public void afterWrite(StoreSession s, String interaction, String type, String id, Resource resource)
            throws SQLException {
        switch (type) {
            case "ServiceRequest" -> order(s, id, (ServiceRequest) resource);
            case "Consent" -> consent(s, id, (Consent) resource);
            case "Organization" -> organization(s, id, (Organization) resource);
            default -> { }
        }
    }

    private void order(StoreSession s, String id, ServiceRequest sr) throws SQLException {
        Connection c = s.connection();
        update(c, "delete from access_grant where tenant = ? and order_id = ?", s.tenant(), id);
        if (sr == null || !sr.getSubject().getReferenceElement().hasIdPart()
                || !"Patient".equals(sr.getSubject().getReferenceElement().getResourceType())) return;
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
            default -> { return; } // entered-in-error, unknown: no one gains access
        }
        Timestamp validTo = end == null ? null : Timestamp.from(end.plus(config.handoverGrace()));
        try (PreparedStatement ps = c.prepareStatement("insert into access_grant (tenant, order_id, party_type, party_id,"
                + " party_ref, patient_id, valid_to, open) values (?, ?, 'provider', ?, ?, ?, ?, ?)")) {
            for (Reference performer : sr.getPerformer()) {
                String[] party = party(s, performer);
                if (party == null) continue;
                ps.setString(1, s.tenant());
                ps.setString(2, id);
                ps.setString(3, party[0]);
                ps.setString(4, party[1]);
                ps.setString(5, patient);
                ps.setTimestamp(6, validTo);
                ps.setBoolean(7, live);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** {ODS code or "", party_ref} of an Organization reference; null when it names no organisation. */
    private static String[] party(StoreSession s, Reference ref) throws SQLException {
        Identifier idf = ref.getIdentifier();
        if (idf != null && Canonical.ODS_ORGANIZATION.equals(idf.getSystem()) && idf.hasValue()) {
            return new String[]{idf.getValue(), Canonical.ODS_ORGANIZATION + "|" + idf.getValue()};
        }
        var el = ref.getReferenceElement();
        if (!el.hasIdPart() || !"Organization".equals(el.getResourceType())) return null;
        String ods = "";
        var org = s.read("Organization", el.getIdPart());
        if (org.isPresent() && !org.get().deleted()) ods = odsOf(org.get());
        return new String[]{ods, "Organization/" + el.getIdPart()};
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
