package org.carebridge.mappings.ecm;

import java.util.Map;

/**
 * One record of a feed that could not be taken in, and why. Carries no raw worker id or NI number: the
 * {@code sanitised} copy of the record has the worker as a pseudonym and free text scrubbed, so it can be kept
 * for the provider to see and for replay once the cause is fixed.
 *
 * @param recordNumber 1-based data record number (CSV: not counting the header; JSON: array position + 1)
 * @param eventId      the record's event id if it could be read, else null
 * @param field        the provider's column / property name at fault, or "record" for the whole record
 * @param reason       what is wrong, without personal data
 * @param sanitised    the record's fields by logical name, safe to store
 */
public record RecordError(long recordNumber, String eventId, String field, String reason, Map<String, String> sanitised) {
    public RecordError {
        sanitised = sanitised == null ? Map.of() : Map.copyOf(sanitised);
    }
}
