package org.carebridge.gateway.ecm;

import org.carebridge.rules.visits.PlannedVisit;

/**
 * A planned visit as the gateway keeps it: the rule engine's view plus the resources that show it and the ids
 * the FHIR references resolve to (null when the order, person or provider is not held as a resource).
 */
public record VisitRow(PlannedVisit visit, String appointmentId, String encounterId, String orderResId,
                       String patientResId, String providerResId, String status, boolean refused) {
}
