package org.carebridge.gateway.audit;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.carebridge.gateway.fhir.ResourceRepository;
import org.carebridge.gateway.store.StoredResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DPO operations (the gate admits the DPO only): {@code $verify-audit-chain} on the tenant base, and
 * {@code Patient/{id}/$subject-access}: everything held about a person, and every recorded disclosure of it.
 */
public class AuditOperations {
    private static final int SAR_LIMIT = 10_000;
    private final AuditLog log;
    private final ResourceRepository repository;

    public AuditOperations(AuditLog log, ResourceRepository repository) {
        this.log = log;
        this.repository = repository;
    }

    @Operation(name = "$verify-audit-chain", idempotent = true)
    public Parameters verify(RequestDetails rd) {
        AuditChain.Verification v = log.verify(rd.getTenantId());
        Parameters p = new Parameters();
        p.addParameter("intact", new BooleanType(v.intact()));
        p.addParameter("rows", new IntegerType((int) Math.min(Integer.MAX_VALUE, v.rows())));
        if (v.brokenAtSeq() != null) p.addParameter("brokenAtSeq", new StringType(String.valueOf(v.brokenAtSeq())));
        if (v.reason() != null) p.addParameter("reason", new StringType(v.reason()));
        return p;
    }

    @Operation(name = "$subject-access", idempotent = true, typeName = "Patient")
    public Bundle subjectAccess(@IdParam IdType id, RequestDetails rd) {
        String tenant = rd.getTenantId();
        String pid = id.getIdPart();
        Bundle out = new Bundle().setType(Bundle.BundleType.COLLECTION);
        List<StoredResource> held = repository.store().inTenant(tenant, s -> {
            if (s.read("Patient", pid).isEmpty()) throw new ResourceNotFoundException("Resource Patient/" + pid + " is not known");
            Map<String, List<String>> byType = new LinkedHashMap<>();
            try (PreparedStatement ps = s.connection().prepareStatement("select distinct res_type, res_id from fhir_idx_ref"
                    + " where tenant = ? and target_type = 'Patient' and target_id = ? order by res_type, res_id limit ?")) {
                ps.setString(1, tenant);
                ps.setString(2, pid);
                ps.setInt(3, SAR_LIMIT);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) byType.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            List<StoredResource> all = new ArrayList<>(s.readAll("Patient", List.of(pid)));
            for (var e : byType.entrySet()) all.addAll(s.readAll(e.getKey(), e.getValue()));
            return all;
        });
        for (StoredResource r : held) out.addEntry().setResource(repository.parse(r));
        // Whom it was disclosed to: every audited event that touched this person.
        for (AuditRecord r : log.search(tenant, pid, null, null, null, SAR_LIMIT)) {
            out.addEntry().setResource(AuditEventProvider.toFhir(r));
        }
        out.setTotal(out.getEntry().size());
        return out;
    }
}
