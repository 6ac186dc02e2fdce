package org.carebridge.gateway.discharge;

import jakarta.inject.Singleton;
import org.carebridge.gateway.fhir.ResourceRepository;
import org.carebridge.gateway.fhir.SearchRequestParser;
import org.carebridge.gateway.store.SearchSpec;
import org.carebridge.gateway.store.StoreSession;
import org.carebridge.gateway.store.StoredResource;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The FHIR look-ups the discharge flows make inside their transaction (person by NHS number, orders...). */
@Singleton
public class FhirLookups {
    private final ResourceRepository repository;
    private final SearchRequestParser parser;

    public FhirLookups(ResourceRepository repository, SearchRequestParser parser) {
        this.repository = repository;
        this.parser = parser;
    }

    public ResourceRepository repository() {
        return repository;
    }

    /** Current resources matching simple criteria (name=value; a comma is an OR), first page of up to 500. */
    public <T extends Resource> List<T> search(StoreSession s, Class<T> type, String... nameValues) throws SQLException {
        List<T> out = new ArrayList<>();
        for (StoredResource r : rows(s, type, nameValues)) {
            out.add(type.cast(repository.parse(r)));
        }
        return out;
    }

    /** The stored rows {@link #search} would parse. */
    private List<StoredResource> rows(StoreSession s, Class<? extends Resource> type, String... nameValues) throws SQLException {
        Map<String, String[]> params = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            params.put(nameValues[i], new String[]{nameValues[i + 1]});
        }
        params.put("_count", new String[]{"500"});
        SearchSpec spec = parser.parse(type.getSimpleName(), params);
        return s.search(spec).matches();
    }

    public <T extends Resource> Optional<T> read(StoreSession s, Class<T> type, String id) throws SQLException {
        Optional<StoredResource> r = s.read(type.getSimpleName(), id);
        return r.filter(x -> !x.deleted()).map(x -> type.cast(repository.parse(x)));
    }

    public Optional<Patient> patientByNhsNumber(StoreSession s, String nhsNumber) throws SQLException {
        Optional<StoredResource> found = personRow(s, nhsNumber);
        return found.map(r -> (Patient) repository.parse(r));
    }

    /** The id of {@link #patientByNhsNumber}'s Patient, without parsing it (the ADT flow needs no more). */
    public Optional<String> patientIdByNhsNumber(StoreSession s, String nhsNumber) throws SQLException {
        return personRow(s, nhsNumber).map(StoredResource::id);
    }

    private Optional<StoredResource> personRow(StoreSession s, String nhsNumber) throws SQLException {
        // Several records for one NHS number is a data-quality problem upstream; the oldest id wins deterministically.
        return rows(s, Patient.class, "identifier", Canonical.NHS_NUMBER + "|" + nhsNumber).stream()
                .min(java.util.Comparator.comparing(StoredResource::id));
    }

    public Optional<ServiceRequest> referral(StoreSession s, String referralId) throws SQLException {
        return search(s, ServiceRequest.class, "identifier", Canonical.REFERRAL + "|" + referralId).stream().findFirst();
    }

    /** The person's orders for care that a provider delivers (placed: performer set), active or suspended. */
    public List<ServiceRequest> placedOrders(StoreSession s, String patientId) throws SQLException {
        List<ServiceRequest> out = new ArrayList<>();
        for (StoredResource r : rows(s, ServiceRequest.class, "subject", "Patient/" + patientId, "status", "active,on-hold")) {
            // JSON without a "performer" key has no performer: the person's unplaced referrals are not parsed.
            if (!r.json().contains("\"performer\"")) continue;
            ServiceRequest sr = (ServiceRequest) repository.parse(r);
            if (sr.hasPerformer()) out.add(sr);
        }
        return out;
    }

    public List<CarePlan> activePlans(StoreSession s, String patientId) throws SQLException {
        return search(s, CarePlan.class, "subject", "Patient/" + patientId, "status", "active");
    }

    public static String ref(Resource r) {
        return r.fhirType() + "/" + r.getIdElement().getIdPart();
    }

    public static IdType id(Resource r) {
        return new IdType(r.fhirType(), r.getIdElement().getIdPart());
    }
}
