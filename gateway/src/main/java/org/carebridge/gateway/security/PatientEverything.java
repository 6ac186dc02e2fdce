package org.carebridge.gateway.security;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.carebridge.gateway.fhir.ResourceRepository;
import org.carebridge.gateway.store.StoredResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET Patient/{id}/$everything}: the person and every stored resource that refers to them, each type through
 * the same visibility rule as a search (so a provider gets its orders, plans and visits for that person, and no
 * more), then redacted and audited on the way out like any search answer. The gate checks the Patient itself.
 */
public class PatientEverything {
    static final int LIMIT = 10_000;
    private final ResourceRepository repository;
    private final Visibility visibility;

    public PatientEverything(ResourceRepository repository, Visibility visibility) {
        this.repository = repository;
        this.visibility = visibility;
    }

    @Operation(name = "$everything", idempotent = true, typeName = "Patient")
    public Bundle everything(@IdParam IdType id, RequestDetails rd) {
        Caller c = SecurityInterceptor.require(rd);
        String pid = id.getIdPart();
        List<StoredResource> held = repository.store().inTenant(rd.getTenantId(), s -> {
            var patient = s.read("Patient", pid);
            if (patient.isEmpty() || patient.get().deleted()) throw new ResourceNotFoundException("Resource Patient/" + pid + " is not known");
            Map<String, List<String>> byType = new TreeMap<>();
            try (PreparedStatement ps = s.connection().prepareStatement("select distinct res_type, res_id from fhir_idx_ref"
                    + " where tenant = ? and target_type = 'Patient' and target_id = ? order by res_type, res_id limit ?")) {
                ps.setString(1, s.tenant());
                ps.setString(2, pid);
                ps.setInt(3, LIMIT);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) byType.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            List<StoredResource> out = new ArrayList<>(s.readAll("Patient", List.of(pid)));
            for (var e : byType.entrySet()) {
                List<String> ids = visibility.visibleIn(s, c, e.getKey(), e.getValue());
                out.addAll(s.readAll(e.getKey(), ids));
            }
            return out;
        });
        Bundle b = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        for (StoredResource r : held) {
            b.addEntry().setFullUrl(r.type() + "/" + r.id()).setResource(repository.parse(r))
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        b.setTotal(b.getEntry().size());
        return b;
    }
}
