package org.carebridge.mappings.ecm;

/**
 * One rota entry that could not be taken as a planned visit.
 *
 * @param entry   0-based index in Bundle.entry
 * @param ref     the entry's fullUrl or visit id, if any
 * @param element where in the Appointment, e.g. "Appointment.basedOn"
 * @param reason  what is wrong
 */
public record RotaError(int entry, String ref, String element, String reason) {}
