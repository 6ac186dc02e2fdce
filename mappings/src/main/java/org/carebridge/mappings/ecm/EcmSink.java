package org.carebridge.mappings.ecm;

import org.carebridge.rules.visits.VisitEvent;

/** Where a streaming parser hands each record: good events one way, errors the other; nothing is dropped. */
public interface EcmSink {
    void event(long recordNumber, VisitEvent event);

    void error(RecordError error);
}
