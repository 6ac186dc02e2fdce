package org.carebridge.mappings.ecm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.carebridge.profiles.Canonical;
import org.carebridge.rules.visits.PlannedVisit;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Reference;

/**
 * A provider's weekly rota (H:3236 "submit planned visits on a weekly basis"), sent as a FHIR transaction Bundle of
 * Appointments, to planned visits. Each Appointment needs: an identifier in {@link Canonical#ECM_VISIT}; basedOn
 * the order (identifier in {@link Canonical#MOSAIC_ORDER}, or a ServiceRequest/{id} reference the caller's
 * {@link Resolver} knows); a Patient participant (identifier in {@link Canonical#MOSAIC_PERSON}, or Patient/{id}
 * likewise); start before end. Optional
 * extensions TimeCritical (boolean) and WorkersRequired (1-4). Bad entries are reported one by one; good ones
 * go through.
 */
public final class RotaBundleMapper {
    private static final Duration LONGEST_VISIT = Duration.ofHours(24);

    private RotaBundleMapper() {}

    /**
     * Turns a literal reference (ServiceRequest/123, Patient/456) into the business id (order number, Mosaic
     * person id). The gateway supplies one backed by its store; {@link #NONE} accepts identifiers only.
     */
    @FunctionalInterface
    public interface Resolver {
        java.util.Optional<String> businessId(String type, String id);
    }

    public static final Resolver NONE = (type, id) -> java.util.Optional.empty();

    public record Result(List<PlannedVisit> visits, List<RotaError> errors) {
        public Result {
            visits = List.copyOf(visits);
            errors = List.copyOf(errors);
        }
    }

    private static final class Bad extends RuntimeException {
        final String element;

        Bad(String element, String reason) {
            super(reason, null, false, false);
            this.element = element;
        }
    }

    /** @param providerId the authenticated provider sending the rota: every visit is theirs */
    public static Result map(Bundle bundle, String tenant, String providerId) {
        return map(bundle, tenant, providerId, NONE);
    }

    public static Result map(Bundle bundle, String tenant, String providerId, Resolver resolver) {
        List<PlannedVisit> visits = new ArrayList<>();
        List<RotaError> errors = new ArrayList<>();
        if (bundle.getType() != Bundle.BundleType.TRANSACTION && bundle.getType() != Bundle.BundleType.BATCH
                && bundle.getType() != Bundle.BundleType.COLLECTION) {
            errors.add(new RotaError(-1, null, "Bundle.type", "expected a transaction, batch or collection, not "
                    + (bundle.getType() == null ? "none" : bundle.getType().toCode())));
            return new Result(visits, errors);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
            String ref = entry.getFullUrl();
            try {
                if (!(entry.getResource() instanceof Appointment a)) {
                    throw new Bad("Bundle.entry.resource", "expected an Appointment, found "
                            + (entry.getResource() == null ? "nothing" : entry.getResource().fhirType()));
                }
                PlannedVisit v = visit(a, tenant, providerId, resolver);
                ref = v.visitId();
                if (!seen.add(v.visitId())) {
                    throw new Bad("Appointment.identifier", "visit id appears twice in this rota");
                }
                visits.add(v);
            } catch (Bad b) {
                errors.add(new RotaError(i, ref, b.element, b.getMessage()));
            }
        }
        return new Result(visits, errors);
    }

    private static PlannedVisit visit(Appointment a, String tenant, String providerId, Resolver resolver) {
        String visitId = a.getIdentifier().stream().filter(id -> Canonical.ECM_VISIT.equals(id.getSystem()))
                .map(Identifier::getValue).filter(s -> s != null && !s.isBlank()).findFirst()
                .orElseThrow(() -> new Bad("Appointment.identifier", "missing visit id (system " + Canonical.ECM_VISIT + ")"));
        String orderId = a.getBasedOn().stream().map(r -> idOf(r, Canonical.MOSAIC_ORDER, "ServiceRequest", resolver))
                .filter(s -> s != null).findFirst()
                .orElseThrow(() -> new Bad("Appointment.basedOn", "missing basedOn order (ServiceRequest)"));
        String clientId = a.getParticipant().stream().map(p -> idOf(p.getActor(), Canonical.MOSAIC_PERSON, "Patient", resolver))
                .filter(s -> s != null).findFirst()
                .orElseThrow(() -> new Bad("Appointment.participant", "missing patient participant"));
        if (a.getStart() == null) {
            throw new Bad("Appointment.start", "missing start");
        }
        if (a.getEnd() == null) {
            throw new Bad("Appointment.end", "missing end");
        }
        Instant start = a.getStart().toInstant();
        Instant end = a.getEnd().toInstant();
        if (!end.isAfter(start)) {
            throw new Bad("Appointment.end", "end is not after start");
        }
        if (Duration.between(start, end).compareTo(LONGEST_VISIT) > 0) {
            throw new Bad("Appointment.end", "a visit longer than 24 hours");
        }
        if (a.getStatus() != null && !switch (a.getStatus()) {
            case PROPOSED, PENDING, BOOKED, CANCELLED -> true;
            default -> false;
        }) {
            throw new Bad("Appointment.status", "a rota entry must be proposed, pending, booked or cancelled, not "
                    + a.getStatus().toCode());
        }
        boolean timeCritical = false;
        Extension tc = a.getExtensionByUrl(EcmSystems.EXT_TIME_CRITICAL);
        if (tc != null) {
            if (!(tc.getValue() instanceof BooleanType b)) {
                throw new Bad("Appointment.extension(TimeCritical)", "expected valueBoolean");
            }
            timeCritical = b.booleanValue();
        }
        int workers = 1;
        Extension wr = a.getExtensionByUrl(EcmSystems.EXT_WORKERS_REQUIRED);
        if (wr != null) {
            if (!(wr.getValue() instanceof IntegerType n) || n.getValue() == null || n.getValue() < 1 || n.getValue() > 4) {
                throw new Bad("Appointment.extension(WorkersRequired)", "expected valueInteger 1-4");
            }
            workers = n.getValue();
        }
        return new PlannedVisit(tenant, visitId, orderId, clientId, providerId, start, end, timeCritical, workers,
                a.getStatus() == Appointment.AppointmentStatus.CANCELLED);
    }

    /** An id from a logical reference (identifier in the given system) or a literal one (Type/id). */
    private static String idOf(Reference r, String system, String type, Resolver resolver) {
        if (r == null) {
            return null;
        }
        if (r.hasIdentifier() && system.equals(r.getIdentifier().getSystem()) && r.getIdentifier().hasValue()
                && (!r.hasType() || type.equals(r.getType()))) {
            return r.getIdentifier().getValue();
        }
        if (r.hasReference() && r.getReference().startsWith(type + "/")) {
            String id = r.getReference().substring(type.length() + 1);
            if (id.isBlank() || id.contains("/")) {
                return null;
            }
            return resolver.businessId(type, id).orElseThrow(() -> new Bad(
                    type.equals("Patient") ? "Appointment.participant" : "Appointment.basedOn",
                    "unknown " + type + " " + id + " (or send its identifier)"));
        }
        return null;
    }
}
