package org.carebridge.gateway.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.carebridge.gateway.fhir.ResourceRepository;
import org.carebridge.gateway.search.SearchParameterRegistry;
import org.carebridge.gateway.store.StoredResource;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.*;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * {@code $reporting-extract?type=Appointment&_count=500&_offset=0}: data for reporting, pseudonymised
 * automatically (H:3984) and without the people who opted out (national data opt-out, or objection to all
 * sharing). People and workers become keyed pseudonyms; names, addresses, contacts, identifiers, free text
 * and reference displays go; a birth date keeps its year and a postcode its district. Council and DPO only.
 */
public class ReportingExtract {
    private static final Logger LOG = LoggerFactory.getLogger(ReportingExtract.class);
    public static final String PSEUDONYM_SYSTEM = Canonical.BASE + "/Id/reporting-pseudonym";
    private static final Set<String> TYPES = Set.copyOf(SearchParameterRegistry.RESOURCE_TYPES.stream().map(Class::getSimpleName).toList());

    private final ResourceRepository repository;
    private final FhirContext ctx;
    private final byte[] key;

    public ReportingExtract(ResourceRepository repository, FhirContext ctx, SecurityConfig config) {
        this.repository = repository;
        this.ctx = ctx;
        if (config.pseudonymKey() == null || config.pseudonymKey().isBlank()) {
            LOG.warn("carebridge.security.pseudonym-key is not set: reporting pseudonyms change at every start");
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        } else {
            key = config.pseudonymKey().getBytes(StandardCharsets.UTF_8);
        }
    }

    @Operation(name = "$reporting-extract", idempotent = true)
    public Bundle extract(@OperationParam(name = "type") StringType type, @OperationParam(name = "_count") IntegerType count,
                          @OperationParam(name = "_offset") IntegerType offset, RequestDetails rd) {
        String t = type == null ? null : type.getValue();
        if (t == null || !TYPES.contains(t)) throw new InvalidRequestException("Parameter 'type': one of " + new java.util.TreeSet<>(TYPES));
        int n = count == null ? 500 : Math.max(1, Math.min(count.getValue(), 5000));
        int off = offset == null ? 0 : Math.max(0, offset.getValue());
        String tenant = rd.getTenantId();
        List<StoredResource> rows = repository.store().inTenant(tenant, s -> {
            // Leave out anything about a person who opted out of uses beyond their own care.
            String sql = "select r.res_id, r.version, r.last_updated, r.deleted, r.content::text from fhir_resource r"
                    + " where r.tenant = ? and r.res_type = ? and not r.deleted and not exists (select 1 from sharing_objection o"
                    + " where o.tenant = r.tenant and o.party_type in ('reporting', '*') and (o.patient_id = r.res_id and r.res_type = 'Patient'"
                    + " or exists (select 1 from fhir_idx_ref x where x.tenant = r.tenant and x.res_type = r.res_type"
                    + " and x.res_id = r.res_id and x.target_type = 'Patient' and x.target_id = o.patient_id)))"
                    + " order by r.res_id limit ? offset ?";
            try (PreparedStatement ps = s.connection().prepareStatement(sql)) {
                ps.setString(1, tenant);
                ps.setString(2, t);
                ps.setInt(3, n);
                ps.setInt(4, off);
                List<StoredResource> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredResource(t, rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant(),
                                rs.getBoolean(4), rs.getString(5), null));
                    }
                }
                return out;
            }
        });
        Bundle b = new Bundle().setType(Bundle.BundleType.COLLECTION);
        for (StoredResource r : rows) {
            b.addEntry().setResource(pseudonymise(tenant, repository.parse(r)));
        }
        return b;
    }

    public String pseudonym(String tenant, String type, String id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] h = mac.doFinal((tenant + "|" + type + "|" + id).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    Resource pseudonymise(String tenant, Resource r) {
        String originalId = r.getIdElement().getIdPart();
        for (Reference ref : ctx.newTerser().getAllPopulatedChildElementsOfType(r, Reference.class)) {
            String t = ref.getReferenceElement().getResourceType();
            ref.setDisplay(null);
            if (ref.hasIdentifier() && Canonical.ACCESS_ARRANGEMENT_REF.equals(ref.getIdentifier().getSystem())) {
                ref.setIdentifier(null);
            }
            if ("Patient".equals(t) || "Practitioner".equals(t) || "RelatedPerson".equals(t)) {
                String p = pseudonym(tenant, t, ref.getReferenceElement().getIdPart());
                ref.setReference(null).setType(t).setIdentifier(new Identifier().setSystem(PSEUDONYM_SYSTEM).setValue(p));
            }
        }
        for (Annotation a : ctx.newTerser().getAllPopulatedChildElementsOfType(r, Annotation.class)) {
            a.setText("(removed)");
            a.setAuthor(null);
        }
        if (r instanceof DomainResource d) d.setText(null);
        if (r instanceof Patient p) {
            // Patients and workers have no id of their own in an extract: only the pseudonym.
            Patient q = new Patient();
            q.addIdentifier().setSystem(PSEUDONYM_SYSTEM).setValue(pseudonym(tenant, "Patient", originalId));
            q.setGender(p.getGender());
            if (p.hasBirthDate()) q.setBirthDateElement(new DateType(String.valueOf(p.getBirthDateElement().getYear())));
            for (Address a : p.getAddress()) {
                if (a.hasPostalCode()) q.addAddress().setPostalCode(a.getPostalCode().trim().split("\\s+")[0]);
            }
            if (p.hasDeceasedDateTimeType() || (p.hasDeceasedBooleanType() && p.getDeceasedBooleanType().booleanValue())) {
                q.setDeceased(new BooleanType(true));
            }
            r = q;
        } else if (r instanceof Practitioner) {
            Practitioner q = new Practitioner();
            q.addIdentifier().setSystem(PSEUDONYM_SYSTEM).setValue(pseudonym(tenant, "Practitioner", originalId));
            r = q;
        } else if (r instanceof Organization || r instanceof PractitionerRole) {
            r.setMeta(r.getMeta()); // organisations are not people: kept, with references already pseudonymised
        }
        return redactedLabel(r);
    }

    private static Resource redactedLabel(Resource r) {
        r.getMeta().addSecurity(Canonical.REDACTED_SYSTEM, Canonical.REDACTED_CODE, "redacted");
        return r;
    }
}
