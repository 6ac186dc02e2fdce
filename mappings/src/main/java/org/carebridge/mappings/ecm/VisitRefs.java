package org.carebridge.mappings.ecm;

/**
 * Where a visit's resources are stored and what their references resolve to in the store: the Appointment's and
 * Encounter's ids, and the ids of the order, person and provider resources (null when not held as a resource; the
 * reference then keeps only its identifier).
 */
public record VisitRefs(String appointmentId, String encounterId, String orderResId, String patientResId,
                        String providerResId) {}
