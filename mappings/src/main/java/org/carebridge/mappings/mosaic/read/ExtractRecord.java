package org.carebridge.mappings.mosaic.read;

import java.util.List;
import org.carebridge.mappings.mosaic.model.PersonRecord;

/**
 * One person record as read: either valid (no problems; apply it) or rejected with its problems.
 *
 * @param person null when the record could not be read at all
 */
public record ExtractRecord(int recordNumber, long line, String personId, PersonRecord person,
                            List<RecordProblem> problems) {
    public ExtractRecord {
        problems = List.copyOf(problems);
    }

    public boolean isValid() {
        return person != null && problems.isEmpty();
    }
}
