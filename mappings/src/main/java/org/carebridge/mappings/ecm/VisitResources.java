package org.carebridge.mappings.ecm;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Task;

/** The FHIR form of one visit judgement: the planned visit, the actual visit if anyone came, and alerts. */
public record VisitResources(Appointment appointment, Optional<Encounter> encounter, List<Task> alerts) {
    public VisitResources {
        alerts = List.copyOf(alerts);
    }
}
