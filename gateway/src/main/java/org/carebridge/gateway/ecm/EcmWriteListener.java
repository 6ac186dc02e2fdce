package org.carebridge.gateway.ecm;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.inject.Singleton;
import org.carebridge.gateway.fhir.WriteListener;
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
import java.util.Locale;
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

    public EcmWriteListener(FhirContext ctx, EcmTenants tenants) {
        this.ctx = ctx;
        this.tenants = tenants;
    }

    static boolean isRotaVisit(Appointment a) {
        return a.getIdentifier().stream().anyMatch(i -> Canonical.ECM_VISIT.equals(i.getSystem()) && i.hasValue());
    }

    @Override
    public void afterWrite(StoreSession s, String interaction, String type, String id, Resource resource)
            throws SQLException {
        if (!"Appointment".equals(type) || !(resource instanceof Appointment a) || !isRotaVisit(a)) return;
        Reference orderRef = a.getBasedOn().stream()
                .filter(r -> "ServiceRequest".equals(r.getReferenceElement().getResourceType()) && r.getReferenceElement().hasIdPart())
                .findFirst().orElse(null);
        ServiceRequest order = orderRef == null ? null : read(s, ServiceRequest.class, orderRef.getReferenceElement().getIdPart());
        if (order == null) {
            throw new UnprocessableEntityException("Appointment.basedOn: the order of a planned visit must be a"
                    + " ServiceRequest/{id} the gateway holds");
        }
        String orgId = order.getPerformer().stream().map(r -> r.getReferenceElement())
                .filter(r -> "Organization".equals(r.getResourceType()) && r.hasIdPart()).map(r -> r.getIdPart())
                .findFirst().orElse(null);
        Organization org = orgId == null ? null : read(s, Organization.class, orgId);
        String provider = org == null ? null : providerId(org);
        if (provider == null) {
            throw new UnprocessableEntityException("ServiceRequest.performer: the visit's order names no provider"
                    + " organisation with an ODS code or CQC location id");
        }
        Bundle one = new Bundle().setType(Bundle.BundleType.COLLECTION);
        one.addEntry().setFullUrl("Appointment/" + id).setResource(a);
        RotaBundleMapper.Result r = RotaBundleMapper.map(one, s.tenant(), provider, (t, rid) -> businessId(s, t, rid));
        if (!r.errors().isEmpty()) {
            throw new UnprocessableEntityException(r.errors().stream().map(e -> e.element() + ": " + e.reason())
                    .collect(Collectors.joining("; ")));
        }
        PlannedVisit v = r.visits().get(0);
        String existing = VisitStore.appointmentOf(s, v.visitId());
        if (existing != null && !existing.equals(id)) {
            throw new InvalidRequestException("Appointment.identifier: visit " + v.visitId() + " is already planned as"
                    + " Appointment/" + existing + "; update that one (or PUT Appointment?identifier="
                    + Canonical.ECM_VISIT + "|" + v.visitId() + ")");
        }
        String patient = order.getSubject().getReferenceElement().getIdPart();
        VisitStore.upsertVisit(s, new VisitRow(v, id, VisitFhirMapper.encounterId(v), order.getIdElement().getIdPart(),
                patient, orgId, "booked", false), MissedThreshold.missedAt(v, tenants.pack(s.tenant())));
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

    private Optional<String> businessId(StoreSession s, String type, String id) {
        try {
            return switch (type) {
                case "ServiceRequest" -> Optional.ofNullable(read(s, ServiceRequest.class, id)).flatMap(sr -> value(sr.getIdentifier(), Canonical.MOSAIC_ORDER));
                case "Patient" -> Optional.ofNullable(read(s, Patient.class, id)).flatMap(p -> value(p.getIdentifier(), Canonical.MOSAIC_PERSON));
                default -> Optional.empty();
            };
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> value(java.util.List<Identifier> ids, String system) {
        return ids.stream().filter(i -> system.equals(i.getSystem()) && i.hasValue()).map(Identifier::getValue).findFirst();
    }

    private <T extends Resource> T read(StoreSession s, Class<T> type, String id) throws SQLException {
        Optional<StoredResource> r = s.read(type.getSimpleName(), id);
        if (r.isEmpty() || r.get().deleted()) return null;
        return ctx.newJsonParser().parseResource(type, r.get().json());
    }
}
