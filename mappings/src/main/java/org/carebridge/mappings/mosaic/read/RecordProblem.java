package org.carebridge.mappings.mosaic.read;

import org.carebridge.mappings.mosaic.FieldProblem;

/**
 * One problem in an extract file, as the per-file report shows it.
 *
 * @param recordNumber 1-based ordinal of the person record in the file; 0 for the file or its header
 * @param line         line in the file where the record starts (0 when unknown)
 * @param personId     the Mosaic person id when it could be read, else null
 * @param field        the field path, e.g. {@code order[2].status}; {@code record} for the whole record
 * @param reason       what is wrong, never the value itself
 */
public record RecordProblem(int recordNumber, long line, String personId, String field, String reason) {
    public static RecordProblem of(int recordNumber, long line, String personId, FieldProblem p) {
        return new RecordProblem(recordNumber, line, personId, p.field(), p.reason());
    }
}
