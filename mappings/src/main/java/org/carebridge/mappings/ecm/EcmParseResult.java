package org.carebridge.mappings.ecm;

import java.util.ArrayList;
import java.util.List;
import org.carebridge.rules.visits.VisitEvent;

/** A whole feed's events and errors, for callers that do not need streaming (tests, small pushes). */
public record EcmParseResult(List<VisitEvent> events, List<RecordError> errors) {
    public EcmParseResult {
        events = List.copyOf(events);
        errors = List.copyOf(errors);
    }

    /** A sink that collects into a result. */
    static final class Collector implements EcmSink {
        final List<VisitEvent> events = new ArrayList<>();
        final List<RecordError> errors = new ArrayList<>();

        @Override
        public void event(long recordNumber, VisitEvent event) {
            events.add(event);
        }

        @Override
        public void error(RecordError error) {
            errors.add(error);
        }

        EcmParseResult result() {
            return new EcmParseResult(events, errors);
        }
    }
}
