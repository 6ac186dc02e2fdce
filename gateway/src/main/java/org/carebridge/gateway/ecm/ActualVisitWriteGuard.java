package org.carebridge.gateway.ecm;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.inject.Singleton;
import org.carebridge.gateway.fhir.WriteGuard;
import org.carebridge.gateway.security.Caller;
import org.carebridge.gateway.security.Visibility;
import org.carebridge.gateway.store.ResourceStore;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Actual visits over FHIR ({@link ActualVisitIntake}): only the provider that delivers the visit's order (its
 * performer, one of the caller's own organisations) may post an Encounter for it or update its Appointment; the
 * council may for any visit. The security module's write guard has already checked scope, role and that the
 * person and order named are visible; a person shared by two providers is visible to both, which is why this
 * looks at the visit itself. Another provider's visit gets the same answer as a visit nobody planned.
 */
@Singleton
public class ActualVisitWriteGuard implements WriteGuard {
    private final ResourceStore store;
    private final Visibility visibility;

    public ActualVisitWriteGuard(ResourceStore store, Visibility visibility) {
        this.store = store;
        this.visibility = visibility;
    }

    @Override
    public void beforeWrite(RequestDetails request, String interaction, String type, IdType id, Resource resource) {
        Caller c = Caller.of(request);
        if (c == null || c.party() == Caller.Party.COUNCIL) return; // no caller: the security module refuses
        if (resource instanceof Encounter e) {
            ActualVisitIntake.Named n = ActualVisitIntake.named(e, id);
            if (n == null) return;
            VisitRow row = store.inTenant(c.tenant(), s -> VisitStore.visitBy(s, n.column(), n.value(), false));
            if (row != null && !delivers(c, row)) throw ActualVisitIntake.unknownVisit(n);
        } else if ("Appointment".equals(type) && "update".equals(interaction) && id != null && id.hasIdPart()) {
            VisitRow row = store.inTenant(c.tenant(), s -> VisitStore.visitBy(s, "appointment_id", id.getIdPart(), false));
            if (row != null && !delivers(c, row)) {
                throw new ResourceNotFoundException("Resource Appointment/" + id.getIdPart() + " is not known");
            }
        }
    }

    private boolean delivers(Caller c, VisitRow row) {
        return row.providerResId() != null && visibility.ownOrganizations(c).contains(row.providerResId());
    }
}
