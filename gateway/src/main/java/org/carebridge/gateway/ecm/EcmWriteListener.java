package org.carebridge.gateway.ecm;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.inject.Singleton;
import org.carebridge.gateway.fhir.WriteListener;
import org.carebridge.gateway.store.GrowthStatistics;
import org.carebridge.gateway.store.StoreSession;
import org.carebridge.gateway.store.StoredResource;
import org.carebridge.mappings.ecm.RotaBundleMapper;
import org.carebridge.mappings.ecm.VisitFhirMapper;
import org.carebridge.profiles.Canonical;
import org.carebridge.rules.visits.MissedThreshold;
import org.carebridge.rules.visits.PlannedVisit;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Takes the rota in from FHIR: every Appointment written with a visit identifier ({@link Canonical#ECM_VISIT}),
 * alone or inside a transaction Bundle, becomes (or re-plans) a planned visit in {@code ecm_visit}, in the same
 * transaction. The visit's provider is the order's performer; the ECM judgement later writes new versions of
 * this same Appointment. A bad visit refuses the write with the rota mapper's reasons.
 */
@Singleton
public class EcmWriteListener implements WriteListener {
    private final FhirContext ctx;
    private final EcmTenants tenants;
    /** Visit lookups by Appointment or Encounter id are planned once per connection: keep their statistics current. */
    private final GrowthStatistics statistics = GrowthStatistics.fromSize("ecm_visit", 500);

    public EcmWriteListener(FhirContext ctx, EcmTenants tenants) {
        this.ctx = ctx;
        this.tenants = tenants;
    }

    static boolean isRotaVisit(Appointment a) {
        return a.getIdentifier().stream().anyMatch(i -> Canonical.ECM_VISIT.equals(i.getSystem()) && i.hasValue());
    }

    /** A Bundle's visits are planned together, after its last entry (nothing else in it reads {@code ecm_visit}). */
    @Override
    public boolean batchesTransactions() {
        return true;
    }

    @Override
    public void afterWrite(StoreSession s, String interaction, String type, String id, Resource resource)
            throws SQLException {
        try {
            afterWrites(s, List.of(new Write(interaction, type, id, resource)));
        } catch (Refused r) {
            throw r.reason();
        }
    }

    /**
     * Plans every visit of the writes in a few round trips whatever their number: each order, Organization and
     * Patient they name is read and parsed once, the visit ids already planned are looked up together, and the
     * rows go in as one upsert. The checks and their order per visit are those of a single write; the first
     * visit (in write order) that fails refuses the lot.
     */
    @Override
    public void afterWrites(StoreSession s, List<Write> writes) throws SQLException {
        List<Write> visits = new ArrayList<>();
        for (Write w : writes) {
            if ("Appointment".equals(w.resourceType()) && w.resource() instanceof Appointment a && isRotaVisit(a)) {
                visits.add(w);
            }
        }
        if (visits.isEmpty()) return;
        // Kept for the transaction: an admission cancels a week of one person's visits one update at a time, and
        // each names the same order, provider and person.
        Lookups look = s.note(Lookups.class);
        if (look == null) {
            look = new Lookups(s);
            s.note(Lookups.class, look);
        }
        Map<Write, String> orderIds = new HashMap<>();
        for (Write w : visits) {
            ((Appointment) w.resource()).getBasedOn().stream()
                    .filter(r -> "ServiceRequest".equals(r.getReferenceElement().getResourceType())
                            && r.getReferenceElement().hasIdPart())
                    .findFirst().ifPresent(r -> orderIds.put(w, r.getReferenceElement().getIdPart()));
        }
        look.load(ServiceRequest.class, orderIds.values());
        look.load(Organization.class, look.all(ServiceRequest.class).stream().map(EcmWriteListener::providerOrgId)
                .filter(Objects::nonNull).toList());
        look.load(Patient.class, visits.stream().flatMap(w -> ((Appointment) w.resource()).getParticipant().stream())
                .map(p -> p.getActor().getReferenceElement())
                .filter(r -> "Patient".equals(r.getResourceType()) && r.hasIdPart()).map(r -> r.getIdPart()).toList());
        var pack = tenants.pack(s.tenant());

        // Each visit mapped (or its refusal noted), then the ids already on the rota, then the checks in order.
        List<Object> outcomes = new ArrayList<>(); // a VisitRow or the refusal of that write
        for (Write w : visits) {
            try {
                outcomes.add(row(s, look, (Appointment) w.resource(), w.id(), orderIds.get(w)));
            } catch (UnprocessableEntityException e) {
                outcomes.add(e);
            }
        }
        Map<String, String> planned = VisitStore.appointmentsOf(s, outcomes.stream()
                .filter(o -> o instanceof VisitRow).map(o -> ((VisitRow) o).visit().visitId()).distinct().toList());
        Map<String, VisitRow> rows = new LinkedHashMap<>();
        for (int i = 0; i < visits.size(); i++) {
            Write w = visits.get(i);
            if (outcomes.get(i) instanceof UnprocessableEntityException e) throw new Refused(w, e);
            VisitRow r = (VisitRow) outcomes.get(i);
            String visitId = r.visit().visitId();
            String existing = planned.putIfAbsent(visitId, w.id()); // a re-plan keeps the first Appointment
            if (existing != null && !existing.equals(w.id())) {
                throw new Refused(w, new InvalidRequestException("Appointment.identifier: visit " + visitId
                        + " is already planned as Appointment/" + existing + "; update that one (or PUT Appointment?identifier="
                        + Canonical.ECM_VISIT + "|" + visitId + ")"));
            }
            rows.remove(visitId); // the last plan of a visit is the one that counts
            rows.put(visitId, r);
        }
        List<VisitRow> out = List.copyOf(rows.values());
        VisitStore.upsertVisits(s, out, out.stream().map(r -> MissedThreshold.missedAt(r.visit(), pack)).toList());
        statistics.written(s, out.size());
    }

    /** One visit as planned by its Appointment, or the reason it cannot be. */
    private VisitRow row(StoreSession s, Lookups look, Appointment a, String id, String orderId) throws SQLException {
        ServiceRequest order = orderId == null ? null : look.get(ServiceRequest.class, orderId);
        if (order == null) {
            throw new UnprocessableEntityException("Appointment.basedOn: the order of a planned visit must be a"
                    + " ServiceRequest/{id} the gateway holds");
        }
        String orgId = providerOrgId(order);
        Organization org = orgId == null ? null : look.get(Organization.class, orgId);
        String provider = org == null ? null : providerId(org);
        if (provider == null) {
            throw new UnprocessableEntityException("ServiceRequest.performer: the visit's order names no provider"
                    + " organisation with an ODS code or CQC location id");
        }
        Bundle one = new Bundle().setType(Bundle.BundleType.COLLECTION);
        one.addEntry().setFullUrl("Appointment/" + id).setResource(a);
        RotaBundleMapper.Result r = RotaBundleMapper.map(one, s.tenant(), provider, (t, rid) -> businessId(look, t, rid));
        if (!r.errors().isEmpty()) {
            throw new UnprocessableEntityException(r.errors().stream().map(e -> e.element() + ": " + e.reason())
                    .collect(Collectors.joining("; ")));
        }
        PlannedVisit v = r.visits().get(0);
        String patient = order.getSubject().getReferenceElement().getIdPart();
        return new VisitRow(v, id, VisitFhirMapper.encounterId(v), order.getIdElement().getIdPart(), patient, orgId,
                "booked", false);
    }

    /** The first Organization/{id} among the order's performers: the provider delivering it. */
    private static String providerOrgId(ServiceRequest order) {
        return order.getPerformer().stream().map(r -> r.getReferenceElement())
                .filter(r -> "Organization".equals(r.getResourceType()) && r.hasIdPart()).map(r -> r.getIdPart())
                .findFirst().orElse(null);
    }

    /** The id a provider's feed uses: its ODS code, else its CQC location id, in lower case (channel partners are). */
    static String providerId(Organization org) {
        for (String system : new String[]{Canonical.ODS_ORGANIZATION, Canonical.CQC_LOCATION}) {
            for (Identifier i : org.getIdentifier()) {
                if (system.equals(i.getSystem()) && i.hasValue()) return i.getValue().trim().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static Optional<String> businessId(Lookups look, String type, String id) {
        try {
            return switch (type) {
                case "ServiceRequest" -> Optional.ofNullable(look.get(ServiceRequest.class, id)).flatMap(sr -> value(sr.getIdentifier(), Canonical.MOSAIC_ORDER));
                case "Patient" -> Optional.ofNullable(look.get(Patient.class, id)).flatMap(p -> value(p.getIdentifier(), Canonical.MOSAIC_PERSON));
                default -> Optional.empty();
            };
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> value(List<Identifier> ids, String system) {
        return ids.stream().filter(i -> system.equals(i.getSystem()) && i.hasValue()).map(Identifier::getValue).findFirst();
    }

    /**
     * The resources a transaction's visits name, each read and parsed once: loaded for all of a call's visits at
     * once, with a read of its own for anything not loaded beforehand. Kept for the transaction (a note), it
     * forgets a type's resources once the transaction has written any of that type since they were read.
     */
    private final class Lookups {
        private final StoreSession s;
        private final Map<String, Optional<Resource>> known = new HashMap<>();
        private final Map<String, Integer> writesSeen = new HashMap<>();

        Lookups(StoreSession s) {
            this.s = s;
        }

        /** Drops what was read of the type before this transaction wrote to it. */
        private void current(String t) {
            int writes = s.writesOf(t);
            Integer seen = writesSeen.put(t, writes);
            if (seen != null && seen != writes) known.keySet().removeIf(k -> k.startsWith(t + '/'));
        }

        void load(Class<? extends Resource> type, Collection<String> ids) throws SQLException {
            String t = type.getSimpleName();
            current(t);
            List<String> todo = ids.stream().filter(id -> !known.containsKey(t + '/' + id)).distinct().toList();
            if (todo.isEmpty()) return;
            for (StoredResource r : s.readAll(t, todo)) {
                known.put(t + '/' + r.id(), Optional.of(ctx.newJsonParser().parseResource(type, r.json())));
            }
            for (String id : todo) known.putIfAbsent(t + '/' + id, Optional.empty()); // not held, or deleted
        }

        <T extends Resource> T get(Class<T> type, String id) throws SQLException {
            current(type.getSimpleName());
            String key = type.getSimpleName() + '/' + id;
            if (!known.containsKey(key)) load(type, List.of(id));
            return type.cast(known.get(key).orElse(null));
        }

        <T extends Resource> List<T> all(Class<T> type) {
            current(type.getSimpleName());
            String prefix = type.getSimpleName() + '/';
            List<T> out = new ArrayList<>();
            known.forEach((k, v) -> {
                if (k.startsWith(prefix)) v.ifPresent(r -> out.add(type.cast(r)));
            });
            return out;
        }
    }
}
