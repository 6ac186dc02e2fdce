package org.carebridge.gateway.ecm;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jakarta.inject.Singleton;
import org.carebridge.gateway.fhir.WriteGuard;
import org.carebridge.gateway.security.Caller;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.util.List;

/**
 * Planned visits written over FHIR by a provider must name their order as {@code ServiceRequest/{id}}: the
 * security module's write guard checks the provider delivers the orders a write names by reference, so an order
 * given only by identifier would slip past it. (The council may write any visit.)
 */
@Singleton
public class EcmWriteGuard implements WriteGuard {

    @Override
    public void beforeWrite(RequestDetails request, String interaction, String type, IdType id, Resource resource) {
        if (!(resource instanceof Appointment a) || !EcmWriteListener.isRotaVisit(a)) return;
        Object c = request == null ? null : request.getUserData().get(Caller.USER_DATA_KEY);
        if (c instanceof Caller caller && caller.party() == Caller.Party.COUNCIL) return;
        List<Reference> orders = a.getBasedOn();
        if (orders.isEmpty() || orders.stream().anyMatch(r -> !r.getReferenceElement().hasIdPart()
                || !"ServiceRequest".equals(r.getReferenceElement().getResourceType()))) {
            throw new InvalidRequestException("Appointment.basedOn: a planned visit (identifier " + Canonical.ECM_VISIT
                    + ") must reference its order as ServiceRequest/{id}");
        }
    }
}
